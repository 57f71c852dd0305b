package dev.twoway.coordinator.audit;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.state.AuditRow;
import dev.twoway.core.state.AuditStore;
import dev.twoway.core.state.SidecarSchema;

/**
 * The outbox rows of one migration, read on the poll thread's own connection (the reconciler's
 * belongs to its thread), opened on first use and again after a failure. Connect stops the task
 * from another thread, maybe during a read: closing waits for the read, and nothing reopens after.
 */
public final class MySqlAuditFeed implements AuditPublisher.Feed, AutoCloseable {
    private final ConnectionSettings settings;
    private final String sidecar;
    private final String migrationId;
    private final AuditStore store;
    private Connection connection;
    private boolean closed;

    public MySqlAuditFeed(ConnectionSettings settings, String sidecar, String migrationId) {
        this.settings = settings;
        this.sidecar = sidecar;
        this.migrationId = migrationId;
        this.store = new AuditStore(sidecar);
    }

    @Override
    public synchronized List<AuditRow> after(long afterSeq, int limit) throws SQLException {
        if (closed) {
            return List.of();
        }
        if (connection == null) {
            connection = settings.connect();
            // The poll thread may come first on a server (or an upgrade) without the outbox table.
            SidecarSchema.ensure(connection, sidecar);
        }
        return store.after(connection, migrationId, afterSeq, limit);
    }

    @Override
    public synchronized void reset() {
        Connections.closeQuietly(connection);
        connection = null;
    }

    @Override
    public synchronized void close() {
        closed = true;
        reset();
    }
}
