package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import dev.twoway.core.Sql;

/**
 * The sink's own finding that the old table cannot hold a row written after the cut-over (an
 * inverse write MySQL refuses: a value too long, out of range, a duplicate the old table forbids):
 * the column {@code sink_inverse_refusal} of {@code migrations}, which only the sink writes, in
 * its batch's transaction; the first reason recorded stays. The coordinator turns it into its own
 * transition (not revertible, with an audit record): no component writes another's state.
 */
public final class InverseRefusalStore {
    private final String table;

    public InverseRefusalStore(String database) {
        this.table = Sql.qualified(database, "migrations");
    }

    public void refuse(Connection c, String migrationId, String reason) throws SQLException {
        String sql = "UPDATE " + table + " SET sink_inverse_refusal = ? WHERE migration_id = ? "
                + "AND sink_inverse_refusal IS NULL";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reason.length() > 60_000 ? reason.substring(0, 60_000) : reason);
            s.setString(2, migrationId);
            s.executeUpdate();
        }
    }

    /** What the sink recorded, if anything. */
    public Optional<String> read(Connection c, String migrationId) throws SQLException {
        String sql = "SELECT sink_inverse_refusal FROM " + table + " WHERE migration_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.ofNullable(rs.getString(1)) : Optional.empty();
            }
        }
    }
}
