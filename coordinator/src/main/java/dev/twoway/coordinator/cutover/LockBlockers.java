package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.twoway.core.Sql;

/**
 * A forced cut-over's kill ({@code migration.cutover.force.after.ms}, as Vitess's
 * {@code --force-cut-over-after} and Spirit's forced kill do): the sessions holding or waiting for
 * a metadata lock on the swap's live tables, read from {@code performance_schema.metadata_locks}
 * and {@code threads}, are killed, then waited for until their locks are gone, all before the
 * swap asks for its lock (so the writers are not held while a killed transaction rolls back).
 * <p>
 * {@code KILL CONNECTION}, not {@code KILL QUERY}: a session idle in a transaction (the usual
 * blocker) runs no query to kill, and its metadata lock lasts until its transaction ends; ending
 * the connection rolls that transaction back and releases the lock, and its client sees the
 * connection lost rather than carrying on in a transaction that is gone.
 * <p>
 * Never twoway's own: the calling connection is left out, the swap opens its other connections
 * only after this, and no other twoway connection touches a live table (the sink writes the
 * shadow or the old table, the copy and the checksum are over by then). Never anything else:
 * only foreground sessions with a lock on these very tables, and of those only the ones that
 * block: idle in a transaction (its lock lasts until the transaction ends), or in their statement
 * or lock wait for a second at least. A writer's statement holds the table for milliseconds and
 * would have let the lock through: it is left alone.
 */
final class LockBlockers {
    /** How often the killed sessions' locks are looked for while they go. */
    private static final long POLL_MS = 10;
    private static final int UNKNOWN_THREAD = 1094;
    private static final int NOT_OWNER = 1095;

    private final Connection c;

    LockBlockers(Connection c) {
        this.c = c;
    }

    /**
     * Kills every session holding or waiting for a lock on {@code tables} of {@code schema}, and
     * waits until their locks are gone or {@code deadlineNanos} (System.nanoTime) passes; each
     * killed one in words ("connection 123 (app@host, 4 s idle in a transaction; last statement: …)").
     */
    List<String> kill(String schema, List<String> tables, long deadlineNanos) throws SQLException, InterruptedException {
        Map<Long, String> sessions = read(schema, tables);
        List<String> killed = new ArrayList<>();
        for (Map.Entry<Long, String> session : sessions.entrySet()) {
            if (kill(session.getKey(), session.getValue())) {
                killed.add(session.getValue());
            }
        }
        while (holding(schema, tables, sessions.keySet()) && System.nanoTime() < deadlineNanos) {
            Thread.sleep(POLL_MS); // a killed transaction rolls back before its lock goes
        }
        return killed;
    }

    /** The sessions with a lock (granted or pending) on the tables, by connection id, each in words. */
    private Map<Long, String> read(String schema, List<String> tables) throws SQLException {
        String sql = "SELECT " + LockHolders.SESSION + " FROM performance_schema.metadata_locks m "
                + "JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID "
                + onTables(tables) + " AND t.TYPE = 'FOREGROUND' AND t.PROCESSLIST_ID IS NOT NULL "
                + "AND (t.PROCESSLIST_COMMAND = 'Sleep' OR t.PROCESSLIST_TIME >= 1) "
                + "AND t.PROCESSLIST_ID <> CONNECTION_ID() GROUP BY t.THREAD_ID, t.PROCESSLIST_ID, t.PROCESSLIST_USER, "
                + "t.PROCESSLIST_HOST, t.PROCESSLIST_TIME, t.PROCESSLIST_COMMAND, t.PROCESSLIST_INFO "
                + "ORDER BY t.PROCESSLIST_TIME DESC";
        Map<Long, String> sessions = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, schema, tables);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    sessions.put(rs.getLong(1), LockHolders.holder(rs));
                }
            }
        }
        return sessions;
    }

    /** True once killed; false when it had ended already. */
    private boolean kill(long id, String who) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("KILL CONNECTION " + id);
            return true;
        }
        catch (SQLException e) {
            if (e.getErrorCode() == UNKNOWN_THREAD) {
                return false;
            }
            if (e.getErrorCode() == NOT_OWNER) {
                throw new SQLException("cannot kill " + who + ": the coordinator's MySQL user needs CONNECTION_ADMIN "
                        + "(and SYSTEM_USER for a session of a user that has it) to kill other users' connections ("
                        + e.getMessage() + ")", e.getSQLState(), e.getErrorCode(), e);
            }
            throw e;
        }
    }

    private boolean holding(String schema, List<String> tables, java.util.Set<Long> ids) throws SQLException {
        if (ids.isEmpty()) {
            return false;
        }
        String sql = "SELECT 1 FROM performance_schema.metadata_locks m JOIN performance_schema.threads t "
                + "ON t.THREAD_ID = m.OWNER_THREAD_ID " + onTables(tables) + " AND t.PROCESSLIST_ID IN ("
                + String.join(", ", ids.stream().map(String::valueOf).toList()) + ") LIMIT 1";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, schema, tables);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String onTables(List<String> tables) {
        return "WHERE m.OBJECT_TYPE = 'TABLE' AND m.OBJECT_SCHEMA = ? AND m.OBJECT_NAME IN ("
                + Sql.placeholders(tables.size()) + ") AND m.LOCK_STATUS IN ('GRANTED', 'PENDING')";
    }

    private static void bind(PreparedStatement s, String schema, List<String> tables) throws SQLException {
        s.setString(1, schema);
        for (int i = 0; i < tables.size(); i++) {
            s.setString(i + 2, tables.get(i));
        }
    }
}
