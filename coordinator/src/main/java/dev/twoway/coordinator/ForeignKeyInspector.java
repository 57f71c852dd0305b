package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * Foreign keys declared on a table or referencing it, as readable descriptions. Only reads.
 * (core's TableInspector.foreignKeys selects TABLE_SCHEMA from REFERENTIAL_CONSTRAINTS, which
 * has no such column; this reads the columns the view has.)
 */
public final class ForeignKeyInspector {
    private final Connection connection;

    public ForeignKeyInspector(Connection connection) {
        this.connection = connection;
    }

    public List<String> foreignKeys(String schema, String table) throws SQLException {
        String sql = "SELECT CONSTRAINT_NAME, CONSTRAINT_SCHEMA, TABLE_NAME, UNIQUE_CONSTRAINT_SCHEMA, "
                + "REFERENCED_TABLE_NAME FROM information_schema.REFERENTIAL_CONSTRAINTS "
                + "WHERE (CONSTRAINT_SCHEMA = ? AND TABLE_NAME = ?) "
                + "OR (UNIQUE_CONSTRAINT_SCHEMA = ? AND REFERENCED_TABLE_NAME = ?) ORDER BY CONSTRAINT_NAME";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            s.setString(3, schema);
            s.setString(4, table);
            List<String> keys = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.add(rs.getString(1) + " (" + rs.getString(2) + "." + rs.getString(3) + " -> "
                            + rs.getString(4) + "." + rs.getString(5) + ")");
                }
            }
            return keys;
        }
    }
}
