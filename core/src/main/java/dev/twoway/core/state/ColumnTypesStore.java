package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import dev.twoway.core.Sql;
import dev.twoway.core.projection.ColumnTypes;

/** {@code migrations.column_types}: the mapped columns' types and conversions, written with the shadow. */
public final class ColumnTypesStore {
    private final String table;

    public ColumnTypesStore(String database) {
        this.table = Sql.qualified(database, "migrations");
    }

    public void save(Connection c, String migrationId, ColumnTypes types) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET column_types = ? WHERE migration_id = ?")) {
            s.setString(1, types.toJson());
            s.setString(2, migrationId);
            s.executeUpdate();
        }
    }

    /** The stored types; none (no conversion) for a migration whose row has none. */
    public ColumnTypes read(Connection c, String migrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT column_types FROM " + table + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                return ColumnTypes.fromJson(rs.next() ? rs.getString(1) : null);
            }
        }
    }
}
