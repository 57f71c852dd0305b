package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationStore;

/**
 * Step 4 (ready): every sync interval, inserts a {@code sync} marker and, once the sink has
 * reached it, records the time it took as {@code lag_ms}. One marker is outstanding at a time;
 * which one is kept in memory, as losing it costs only a new marker.
 */
public final class SyncMonitor {
    private final MarkerStore markers;
    private final MarkerWaiter waiter;
    private final MigrationProgressStore progress;
    private final MigrationStore store;
    private final long intervalNanos;
    private Long outstanding;
    private long insertedAt;
    private long lastReachedAt = Long.MIN_VALUE / 2;
    private String lastStage;

    public SyncMonitor(String sidecar, long intervalMs) {
        this.markers = new MarkerStore(sidecar);
        this.waiter = new MarkerWaiter(sidecar);
        this.progress = new MigrationProgressStore(sidecar);
        this.store = new MigrationStore(sidecar);
        this.intervalNanos = intervalMs * 1_000_000L;
    }

    public void tick(Connection c, MigrationRow row) throws SQLException {
        long now = System.nanoTime();
        if (outstanding == null) {
            if (now - lastReachedAt >= intervalNanos) {
                outstanding = markers.insert(c, row.migrationId(), MarkerKind.SYNC, row.tableSchema(), row.tableName());
                insertedAt = now;
            }
            return;
        }
        if (waiter.reached(c, outstanding).isPresent()) {
            long lagMs = (now - insertedAt) / 1_000_000L;
            lastStage = String.format("ready: in sync, the sink reached marker %d after %,d ms", outstanding, lagMs);
            progress.lag(c, row.migrationId(), lagMs, lastStage);
            outstanding = null;
            lastReachedAt = now;
        }
        else {
            stage(c, row, "ready: waiting for the sink to reach marker " + outstanding);
        }
    }

    /**
     * Inserts a fresh sync marker and waits for it: proof the sink is close behind (the cut-over's
     * first step). Records the lag; returns it, or empty when the marker was not reached in time.
     */
    public Optional<Long> catchUp(Connection c, MigrationRow row, long timeoutMs) throws SQLException {
        long start = System.nanoTime();
        long id = markers.insert(c, row.migrationId(), MarkerKind.SYNC, row.tableSchema(), row.tableName());
        stage(c, row, "cut-over: waiting for the sink to reach marker " + id);
        if (waiter.await(c, id, start + timeoutMs * 1_000_000L).isEmpty()) {
            return Optional.empty();
        }
        long lagMs = (System.nanoTime() - start) / 1_000_000L;
        progress.lag(c, row.migrationId(), lagMs, "cut-over: the sink reached marker " + id + " after " + lagMs + " ms");
        return Optional.of(lagMs);
    }

    /** Writes the stage when it changed: a waiting reconciler ticks often. */
    private void stage(Connection c, MigrationRow row, String stage) throws SQLException {
        if (!stage.equals(lastStage) || !stage.equals(row.stage())) {
            store.stage(c, row.migrationId(), stage);
            lastStage = stage;
        }
    }
}
