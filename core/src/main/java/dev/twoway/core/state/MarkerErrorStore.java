package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import dev.twoway.core.Sql;

/**
 * The markers a source could not route to their table's topic ({@code marker_errors}). The source
 * drops such a marker and records why here, with its INSERT privilege alone; the coordinator of its
 * migration reads it and fails that migration, so one bad marker costs one migration and not the
 * stream of every table.
 */
public final class MarkerErrorStore {
    private final String table;

    public MarkerErrorStore(String database) {
        this.table = Sql.qualified(database, "marker_errors");
    }

    /** Records the error once per marker and source (a replayed marker is refused again, not twice). */
    public void record(Connection c, long markerId, String connector, String migrationId, String message)
            throws SQLException {
        String sql = "INSERT IGNORE INTO " + table + " (marker_id, connector, migration_id, message) VALUES (?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, markerId);
            s.setString(2, connector);
            s.setString(3, migrationId);
            s.setString(4, message);
            s.executeUpdate();
        }
    }

    /** The first error recorded for a marker of the migration, with the source that met it. */
    public Optional<String> first(Connection c, String migrationId) throws SQLException {
        String sql = "SELECT connector, message FROM " + table + " WHERE migration_id = ? ORDER BY at, marker_id LIMIT 1";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of("source " + rs.getString(1) + ": " + rs.getString(2)) : Optional.empty();
            }
        }
    }
}
