package dev.twoway.coordinator.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationState;

class SyncMonitorTest {
    private final StepFixture f = new StepFixture();

    @Test
    void oneSyncMarkerIsOutstandingAtATimeAndItsLagIsRecordedWhenReached() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.READY);
        f.sidecar.sinkReaches.remove(MarkerKind.SYNC);
        SyncMonitor sync = new SyncMonitor(f.sidecar, 0);

        sync.tick(f.sidecar.migration("m").orElseThrow());
        sync.tick(f.sidecar.migration("m").orElseThrow());
        assertEquals(1, f.sidecar.markers("m", MarkerKind.SYNC).size());
        assertTrue(f.sidecar.row("m").stage.startsWith("ready: waiting for the sink to reach marker 1"));

        f.sidecar.reach(1);
        sync.tick(f.sidecar.migration("m").orElseThrow());
        assertTrue(f.sidecar.row("m").lagMs != null && f.sidecar.row("m").stage.startsWith("ready: in sync"));
    }

    @Test
    void catchingUpFailsWhenTheFreshMarkerIsNotReachedInTime() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.READY);
        f.sidecar.sinkReaches.remove(MarkerKind.SYNC);

        assertFalse(new SyncMonitor(f.sidecar, 1000).catchUp(List.of(f.sidecar.migration("m").orElseThrow()), 20));
    }
}
