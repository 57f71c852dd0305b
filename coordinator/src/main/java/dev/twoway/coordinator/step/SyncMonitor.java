package dev.twoway.coordinator.step;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

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
     * The cut-over's first step, proof the sink is close behind (so the lock is short): a fresh
     * sync marker for every member of the group, all of them reached within one
     * {@code timeoutMs} (they wait side by side). Records each member's lag; true when all were reached.
     */
    public boolean catchUp(List<MigrationRow> rows, long timeoutMs) throws SQLException {
        long start = System.nanoTime();
        long deadline = start + timeoutMs * 1_000_000L;
        List<Long> ids = new ArrayList<>();
        for (MigrationRow row : rows) {
            long id = sidecar.insertMarker(row.migrationId(), MarkerKind.SYNC, row.tableSchema(), row.tableName());
            ids.add(id);
            stage(row, "cut-over: waiting for the sink to reach marker " + id);
        }
        for (int i = 0; i < rows.size(); i++) {
            if (sidecar.awaitReached(ids.get(i), deadline).isEmpty()) {
                return false;
            }
            long lagMs = (System.nanoTime() - start) / 1_000_000L;
            sidecar.lag(rows.get(i).migrationId(), lagMs, "cut-over: the sink reached marker " + ids.get(i) + " after "
                    + lagMs + " ms");
        }
        return true;
    }

    /** Writes the stage when it changed: a waiting reconciler ticks often. */
    private void stage(MigrationRow row, String stage) throws SQLException {
        if (!stage.equals(lastStage) || !stage.equals(row.stage())) {
            sidecar.stage(row.migrationId(), stage);
            lastStage = stage;
        }
    }
}
