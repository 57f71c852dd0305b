package dev.twoway.core.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Every unique index of a table (the primary key among them), by name, columns in index order. Only reads. */
public final class UniqueIndexes {
    public Map<String, List<String>> of(Connection c, String schema, String table) throws SQLException {
        String sql = "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_NAME = ? AND NON_UNIQUE = 0 AND COLUMN_NAME IS NOT NULL ORDER BY INDEX_NAME, SEQ_IN_INDEX";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            Map<String, List<String>> indexes = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return indexes;
        }
    }
}
