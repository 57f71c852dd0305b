package dev.twoway.coordinator.step;

import java.sql.SQLException;
import java.util.Optional;

import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationRow;

/**
 * Step 4 (ready): every sync interval, inserts a {@code sync} marker and, once the sink has
 * reached it, records the time it took as {@code lag_ms}. One marker is outstanding at a time;
 * which one is kept in memory, as losing it costs only a new marker.
 */
public final class SyncMonitor {
    private final Sidecar sidecar;
    private final long intervalNanos;
    private Long outstanding;
    private long insertedAt;
    private long lastReachedAt = Long.MIN_VALUE / 2;
    private String lastStage;

    public SyncMonitor(Sidecar sidecar, long intervalMs) {
        this.sidecar = sidecar;
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    public void tick(MigrationRow row) throws SQLException {
        long now = System.nanoTime();
        if (outstanding == null) {
            if (now - lastReachedAt >= intervalNanos) {
                outstanding = sidecar.insertMarker(row.migrationId(), MarkerKind.SYNC, row.tableSchema(), row.tableName());
                insertedAt = now;
            }
            return;
        }
        if (sidecar.reached(outstanding).isPresent()) {
            long lagMs = (now - insertedAt) / 1_000_000L;
            lastStage = String.format("ready: in sync, the sink reached marker %d after %,d ms", outstanding, lagMs);
            sidecar.lag(row.migrationId(), lagMs, lastStage);
            outstanding = null;
            lastReachedAt = now;
        }
        else {
            stage(row, "ready: waiting for the sink to reach marker " + outstanding);
        }
    }

    /**
     * Inserts a fresh sync marker and waits for it: proof the sink is close behind (the cut-over's
     * first step). Records the lag; returns it, or empty when the marker was not reached in time.
     */
    public Optional<Long> catchUp(MigrationRow row, long timeoutMs) throws SQLException {
        long start = System.nanoTime();
        long id = sidecar.insertMarker(row.migrationId(), MarkerKind.SYNC, row.tableSchema(), row.tableName());
        stage(row, "cut-over: waiting for the sink to reach marker " + id);
        if (sidecar.awaitReached(id, start + timeoutMs * 1_000_000L).isEmpty()) {
            return Optional.empty();
        }
        long lagMs = (System.nanoTime() - start) / 1_000_000L;
        sidecar.lag(row.migrationId(), lagMs, "cut-over: the sink reached marker " + id + " after " + lagMs + " ms");
        return Optional.of(lagMs);
    }

    /** Writes the stage when it changed: a waiting reconciler ticks often. */
    private void stage(MigrationRow row, String stage) throws SQLException {
        if (!stage.equals(lastStage) || !stage.equals(row.stage())) {
            sidecar.stage(row.migrationId(), stage);
            lastStage = stage;
        }
    }
}
