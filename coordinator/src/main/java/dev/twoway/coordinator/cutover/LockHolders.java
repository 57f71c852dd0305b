package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;

/**
 * Who holds a metadata lock on the tables a swap (or a checksum) could not lock: the sessions
 * with a granted lock on them, longest first, each named by connection id, user, how long it has
 * been in its state, and its statement's first words (the last one, for a session idle in a
 * transaction). From {@code performance_schema.metadata_locks} and {@code threads}: SELECT on them
 * is a deploy request's grant already; without it the reason says the holders are unknown. Reads only.
 */
public final class LockHolders {
    /** Holders named at most. */
    static final int NAMED = 3;
    private static final int WORDS = 60;

    /**
     * A session's columns, from {@code performance_schema.threads t}: id, user, host, seconds in its
     * state, command, current statement, and its last one (for a session idle in a transaction).
     */
    static final String SESSION = "t.PROCESSLIST_ID, t.PROCESSLIST_USER, t.PROCESSLIST_HOST, t.PROCESSLIST_TIME, "
            + "t.PROCESSLIST_COMMAND, t.PROCESSLIST_INFO, (SELECT e.SQL_TEXT FROM performance_schema.events_statements_current e "
            + "WHERE e.THREAD_ID = t.THREAD_ID ORDER BY e.EVENT_ID DESC LIMIT 1)";

    private LockHolders() {
    }

    /** "held by connection 123 (app@10.0.0.5, 14 s idle in a transaction; last statement: SELECT …)", or why unknown. */
    public static String describe(Connection c, String schema, List<String> tables) {
        try {
            List<String> holders = read(c, schema, tables);
            return holders.isEmpty() ? "no session holds a lock on " + names(schema, tables) + " any more"
                    : "held by " + String.join("; ", holders);
        }
        catch (SQLException e) {
            return "the sessions holding " + names(schema, tables) + " are unknown (" + e.getMessage() + ")";
        }
    }

    static List<String> read(Connection c, String schema, List<String> tables) throws SQLException {
        String sql = "SELECT " + SESSION + ", MAX(m.LOCK_TYPE) "
                + "FROM performance_schema.metadata_locks m JOIN performance_schema.threads t ON t.THREAD_ID = m.OWNER_THREAD_ID "
                + "WHERE m.OBJECT_TYPE = 'TABLE' AND m.OBJECT_SCHEMA = ? AND m.OBJECT_NAME IN ("
                + Sql.placeholders(tables.size()) + ") AND m.LOCK_STATUS = 'GRANTED' AND t.PROCESSLIST_ID IS NOT NULL "
                + "AND t.PROCESSLIST_ID <> CONNECTION_ID() GROUP BY t.THREAD_ID, t.PROCESSLIST_ID, t.PROCESSLIST_USER, "
                + "t.PROCESSLIST_HOST, t.PROCESSLIST_TIME, t.PROCESSLIST_COMMAND, t.PROCESSLIST_INFO "
                + "ORDER BY t.PROCESSLIST_TIME DESC LIMIT " + NAMED;
        List<String> holders = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            for (int i = 0; i < tables.size(); i++) {
                s.setString(i + 2, tables.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    holders.add(holder(rs));
                }
            }
        }
        return holders;
    }

    /** One session of a row that starts with the {@link #SESSION} columns, in words. */
    static String holder(ResultSet rs) throws SQLException {
        return holder(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                rs.getString(6), rs.getString(7));
    }

    /** One holder in words; {@code current} is null for a session between statements. */
    static String holder(long id, String user, String host, long seconds, String command, String current, String last) {
        boolean idle = current == null || "Sleep".equalsIgnoreCase(command);
        String statement = idle ? (last == null ? "" : "; last statement: " + firstWords(last))
                : ": " + firstWords(current);
        return "connection " + id + " (" + user + "@" + host + ", " + seconds + " s " + (idle ? "idle in a transaction"
                : "running") + statement + ")";
    }

    static String firstWords(String sql) {
        String flat = sql.strip().replaceAll("\\s+", " ");
        return flat.length() <= WORDS ? flat : flat.substring(0, WORDS) + "…";
    }

    private static String names(String schema, List<String> tables) {
        return String.join(", ", tables.stream().map(t -> schema + "." + t).toList());
    }
}
