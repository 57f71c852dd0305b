package dev.twoway.coordinator.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationState;

class WindowCloserTest {
    private final StepFixture f = new StepFixture();

    @Test
    void aCompleteMigrationRetiresTheOldTableUnderTheHoldNameItRecordedFirst() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.COMPLETE).revertibleUntil = Instant.parse("2024-01-01T00:00:00Z");
        f.tables.with("shop", "t").with("shop", "t_old");

        new WindowCloser(f.sidecar, f.tables, f.transitions, 50, false).close(f.sidecar.migration("m").orElseThrow());

        String hold = f.sidecar.row("m").retiredTable;
        assertTrue(hold.startsWith("t_tw") && hold.contains("_hold_"), hold);
        assertEquals(List.of("rename t_old to " + hold), f.tables.changes);
        assertEquals(MigrationState.FINALIZED, f.sidecar.row("m").state);
        assertEquals(1, f.sidecar.markers("m", MarkerKind.STOP).size());
    }

    @Test
    void aRevertedMigrationRetiresTheNewSchemasTableAndWithDropDropsIt() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.REVERTED);
        f.tables.with("shop", "t").with("shop", "t_new");

        new WindowCloser(f.sidecar, f.tables, f.transitions, 50, true).close(f.sidecar.migration("m").orElseThrow());

        assertEquals(List.of("drop t_new"), f.tables.changes);
        assertEquals(MigrationState.FINALIZED, f.sidecar.row("m").state);
    }

    @Test
    void nothingIsRetiredWhileTheSinkHasNotReachedTheStopMarker() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.COMPLETE);
        f.sidecar.sinkReaches.remove(MarkerKind.STOP);
        f.tables.with("shop", "t").with("shop", "t_old");
        WindowCloser closer = new WindowCloser(f.sidecar, f.tables, f.transitions, 20, false);

        closer.close(f.sidecar.migration("m").orElseThrow());
        closer.close(f.sidecar.migration("m").orElseThrow());

        assertTrue(f.tables.changes.isEmpty());
        assertEquals(MigrationState.COMPLETE, f.sidecar.row("m").state);
        assertEquals(1, f.sidecar.markers("m", MarkerKind.STOP).size(), "the stop marker is inserted once");
        assertTrue(f.sidecar.row("m").stage.contains("waiting for the sink to reach stop marker"),
                f.sidecar.row("m").stage);

        f.sidecar.reach(f.sidecar.markers("m", MarkerKind.STOP).get(0).markerId());
        closer.close(f.sidecar.migration("m").orElseThrow());
        assertFalse(f.tables.exists("shop", "t_old"));
        assertEquals(MigrationState.FINALIZED, f.sidecar.row("m").state);
    }
}
