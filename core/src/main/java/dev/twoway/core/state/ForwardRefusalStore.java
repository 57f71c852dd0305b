package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import dev.twoway.core.Sql;

/**
 * Records that the new schema refuses a row the stream brings (a value it cannot hold, a
 * duplicate on a key it adds): the migration cannot be carried on, and the coordinator fails it,
 * dropping the shadow. Written in the sink's transaction; the first reason recorded stays.
 */
public final class ForwardRefusalStore {
    private final String table;

    public ForwardRefusalStore(String database) {
        this.table = Sql.qualified(database, "migrations");
    }

    public void refuse(Connection c, String migrationId, String reason) throws SQLException {
        String sql = "UPDATE " + table + " SET sink_refusal = ? WHERE migration_id = ? AND sink_refusal IS NULL";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reason.length() > 60_000 ? reason.substring(0, 60_000) : reason);
            s.setString(2, migrationId);
            s.executeUpdate();
        }
    }

    /** What the sink recorded, if anything. */
    public Optional<String> read(Connection c, String migrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT sink_refusal FROM " + table + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
