package dev.twoway.coordinator.throttle;

import java.sql.Connection;
import java.sql.SQLException;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerStore;

/**
 * How far the sink is behind the table while it is copied, by the sync markers the coordinator
 * already measures lag with once ready ({@code SyncMonitor}): one marker outstanding at a time;
 * while it is not reached, the lag is its age (it grows as the sink falls behind), once reached
 * the time it took, and the next one is inserted. A stream that stops altogether shows as a lag
 * that keeps growing, so the copy stops adding to it. Reads and writes (the markers).
 */
public final class SinkLag {
    private final MarkerStore markers;
    private final String migrationId;
    private final String schema;
    private final String table;
    private Long outstanding;
    private long insertedAt;
    private long lastMs;

    public SinkLag(String sidecar, String migrationId, String schema, String table) {
        this.markers = new MarkerStore(sidecar);
        this.migrationId = migrationId;
        this.schema = schema;
        this.table = table;
    }

    /** The sink's lag now, in milliseconds; {@code c} auto-commits. */
    public long read(Connection c, long nowNanos) throws SQLException {
        if (outstanding != null && markers.find(c, outstanding).filter(m -> m.reached()).isPresent()) {
            lastMs = (nowNanos - insertedAt) / 1_000_000L;
            outstanding = null;
        }
        if (outstanding == null) {
            outstanding = markers.insert(c, migrationId, MarkerKind.SYNC, schema, table);
            insertedAt = nowNanos;
            return lastMs;
        }
        return Math.max(lastMs, (nowNanos - insertedAt) / 1_000_000L);
    }
}
