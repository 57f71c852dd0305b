package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.twoway.coordinator.sidecar.MySqlTables;
import dev.twoway.core.Sql;

/**
 * Connection A of the cut-over: creates the sentry, holds {@code LOCK TABLES t WRITE, sentry WRITE},
 * and on success drops the sentry and unlocks. If this connection dies, MySQL releases the lock.
 */
public final class CutoverLock implements AutoCloseable {
    private final Connection a;
    private final String schema;
    private final String table;
    private final String sentry;

    public CutoverLock(Connection a, String schema, String table, String sentry) {
        this.a = a;
        this.schema = schema;
        this.table = table;
        this.sentry = sentry;
    }

    /** Bounded by lock_wait_timeout: a lock request that waits also blocks the writers queued behind it. */
    public void lock(long lockWaitSeconds) throws SQLException {
        execute("SET SESSION lock_wait_timeout = " + lockWaitSeconds);
        new MySqlTables(a).dropIfSentry(schema, sentry);
        execute(SentryTable.createSql(schema, sentry));
        execute("LOCK TABLES " + Sql.qualified(schema, table) + " WRITE, " + Sql.qualified(schema, sentry) + " WRITE");
    }

    public void dropSentryAndUnlock() throws SQLException {
        execute("DROP TABLE " + Sql.qualified(schema, sentry));
        execute("UNLOCK TABLES");
    }

    public void unlock() throws SQLException {
        execute("UNLOCK TABLES");
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = a.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            a.close();
        }
        catch (SQLException ignored) {
            // closing releases the lock, which is all that matters here
        }
    }
}
