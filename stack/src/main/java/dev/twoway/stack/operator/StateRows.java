package dev.twoway.stack.operator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reads the sidecar's {@code migrations} rows (only reads: the commands change targets through Connect). */
final class StateRows {
    private static final String COLUMNS = "migration_id, table_schema, table_name, state, stage, rows_copied, rows_total,"
            + " eta_seconds, lag_ms, revertible, revertible_until, message, updated_at";

    private final Connection connection;
    private final String table;

    StateRows(Connection connection, String database) {
        this.connection = connection;
        this.table = "`" + database.replace("`", "``") + "`.`migrations`";
    }

    /** Every migration, oldest first; empty when the sidecar has no migrations table yet. */
    List<StateRow> all() throws SQLException {
        List<StateRow> rows = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                + " ORDER BY created_at, migration_id"); ResultSet rs = query(s)) {
            while (rs != null && rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    Optional<StateRow> one(String migrationId) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT " + COLUMNS + " FROM " + table
                + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rs = query(s)) {
                return rs != null && rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /** The result, or null when the sidecar (database or table) does not exist yet. */
    private static ResultSet query(PreparedStatement s) throws SQLException {
        try {
            return s.executeQuery();
        }
        catch (SQLException e) {
            if (e.getErrorCode() == 1146 || e.getErrorCode() == 1049) {
                return null;
            }
            throw e;
        }
    }

    private static StateRow row(ResultSet rs) throws SQLException {
        return new StateRow(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getLong(6), rs.getLong(7), rs.getObject(8, Long.class), rs.getObject(9, Long.class),
                rs.getBoolean(10), instant(rs.getTimestamp(11)), rs.getString(12), instant(rs.getTimestamp(13)));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
