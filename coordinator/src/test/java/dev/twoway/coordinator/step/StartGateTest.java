package dev.twoway.coordinator.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.sidecar.SinkCoverage;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationState;

class StartGateTest {
    private final StepFixture f = new StepFixture();
    private final StartGate gate = new StartGate(f.sidecar);

    @Test
    void opensOnceTheSinkReachedTheLatestStartMarkerAndClearsAWaitingNote() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.RUNNING).message = StartGate.WAITING + "for a grant";
        f.sidecar.insertMarker("m", MarkerKind.START, "shop", "t");

        assertTrue(gate.open(f.sidecar.migration("m").orElseThrow()));
        assertNull(f.sidecar.row("m").message);
    }

    @Test
    void aStartMarkerLeftUnreachedTooLongIsReplacedAndTheRowSaysNoSinkTakesTheTopic() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.RUNNING);
        f.sidecar.sinkReaches.remove(MarkerKind.START);
        long first = f.sidecar.insertMarker("m", MarkerKind.START, "shop", "t");
        f.sidecar.age(first, StartGate.REPLACE_AFTER_MS + 1);
        f.sidecar.sinkWaiting.put("shop.t", SinkCoverage.NO_SINK + "shop.t");

        assertFalse(gate.open(f.sidecar.migration("m").orElseThrow()));

        assertEquals(2, f.sidecar.markers("m", MarkerKind.START).size());
        assertTrue(f.sidecar.row("m").stage.contains("start marker 2"), f.sidecar.row("m").stage);
        assertEquals(StartGate.WAITING + SinkCoverage.NO_SINK + "shop.t", f.sidecar.row("m").message);
    }
}
