package dev.twoway.coordinator.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationState;

class MigrationCancellerTest {
    private final StepFixture f = new StepFixture();
    private final MigrationCanceller canceller = new MigrationCanceller(f.sidecar, f.tables, f.transitions, 50);

    @Test
    void failingAfterTheStartStopsTheSinkFirstThenDropsTheShadowAndLeavesTheTable() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.RUNNING);
        f.sidecar.insertMarker("m", MarkerKind.START, "shop", "t");
        f.tables.with("shop", "t").with("shop", "t_new");

        canceller.fail(f.sidecar.migration("m").orElseThrow(), "a value does not fit");

        assertEquals(1, f.sidecar.markers("m", MarkerKind.STOP).size(), "a stop marker for the sink");
        assertEquals(List.of("drop t_new"), f.tables.changes, "only the shadow goes");
        assertTrue(f.tables.exists("shop", "t"));
        assertEquals(MigrationState.FAILED, f.sidecar.row("m").state);
        assertEquals("a value does not fit", f.sidecar.row("m").message);
        assertEquals(MigrationState.FAILED, f.sidecar.audit.get(0).to(), "the move has its audit row");
    }

    @Test
    void cancellingBeforeTheStartMarkerNeedsNoStopMarker() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.QUEUED);

        canceller.cancel(f.sidecar.migration("m").orElseThrow());

        assertTrue(f.sidecar.markers().isEmpty());
        assertEquals(MigrationState.CANCELLED, f.sidecar.row("m").state);
    }

    @Test
    void aSinkThatDoesNotReachTheStopMarkerInTimeDoesNotHoldTheCancelForever() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.READY);
        f.sidecar.insertMarker("m", MarkerKind.START, "shop", "t");
        f.sidecar.sinkReaches.remove(MarkerKind.STOP);
        f.tables.with("shop", "t_new");

        canceller.cancel(f.sidecar.migration("m").orElseThrow());

        assertFalse(f.tables.exists("shop", "t_new"));
        assertEquals(MigrationState.CANCELLED, f.sidecar.row("m").state);
    }
}
