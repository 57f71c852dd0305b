package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;

/**
 * The audit outbox: {@code audit} holds every state transition, appended in the transaction of
 * the state change it records, and read back in {@code seq} order by whoever publishes it. A
 * migration's rows are written one transaction after the other (its reconciler holds a lease),
 * so their {@code seq} order is their commit order and a reader that saw one has seen all before it.
 */
public final class AuditStore {
    private final String table;
    private final String migrations;

    public AuditStore(String database) {
        this.table = Sql.qualified(database, "audit");
        this.migrations = Sql.qualified(database, "migrations");
    }

    /** Appends a transition; call inside the transaction of the state change. */
    public void append(Connection c, String migrationId, MigrationState from, MigrationState to, String stage,
                       String message) throws SQLException {
        String sql = "INSERT INTO " + table + " (migration_id, from_state, to_state, stage, message) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            s.setString(2, from == null ? null : from.wireName());
            s.setString(3, to.wireName());
            s.setString(4, stage);
            s.setString(5, message);
            s.executeUpdate();
        }
    }

    /**
     * Up to {@code limit} rows of a deploy request (every member's: those whose migration's {@code
     * deploy_id} it is, and a single migration's own) with a {@code seq} above {@code afterSeq}, in
     * {@code seq} order. One reconciler writes all of them, one transaction after the other.
     */
    public List<AuditRow> after(Connection c, String deployId, long afterSeq, int limit) throws SQLException {
        String sql = "SELECT seq, migration_id, from_state, to_state, stage, message, at FROM " + table
                + " WHERE seq > ? AND (migration_id = ? OR migration_id IN (SELECT migration_id FROM "
                + migrations + " WHERE deploy_id = ?)) ORDER BY seq LIMIT ?";
        List<AuditRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, afterSeq);
            s.setString(2, deployId);
            s.setString(3, deployId);
            s.setInt(4, limit);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(new AuditRow(rs.getLong("seq"), rs.getString("migration_id"), rs.getString("from_state"),
                            rs.getString("to_state"), rs.getString("stage"), rs.getString("message"),
                            rs.getTimestamp("at").toInstant()));
                }
            }
        }
        return rows;
    }
}
