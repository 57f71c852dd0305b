package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;

import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.MarkerWaiter;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerStore;

/**
 * Waits until the sink has applied every change of the table made so far: a {@code sync} marker
 * inserted now, reached. Used by a chunk of the copy that collided with an out-of-date row of the
 * shadow. On its own short connection, as the copy's workers run on threads of their own.
 */
final class SinkCatchUp {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Connections connections;
    private final MarkerStore markers;
    private final MarkerWaiter waiter;
    private final String migrationId;
    private final String schema;
    private final String table;

    SinkCatchUp(Connections connections, String sidecar, String migrationId, String schema, String table) {
        this.connections = connections;
        this.markers = new MarkerStore(sidecar);
        this.waiter = new MarkerWaiter(sidecar);
        this.migrationId = migrationId;
        this.schema = schema;
        this.table = table;
    }

    void await() throws SQLException {
        try (Connection c = connections.open()) {
            long marker = markers.insert(c, migrationId, MarkerKind.SYNC, schema, table);
            if (waiter.await(c, marker, System.nanoTime() + WAIT.toNanos()).isEmpty()) {
                throw new SQLException("the sink did not reach sync marker " + marker + " within " + WAIT.toSeconds()
                        + " s; the colliding chunk is copied again later");
            }
        }
    }
}
