package dev.twoway.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What of a table's definition decides whether writes of different keys may be reordered: its
 * unique indexes (a functional key part shows as a null column), its columns' types and which is
 * {@code AUTO_INCREMENT}, and how many foreign keys and triggers touch it. Read from
 * {@code information_schema}; {@link KeyIndependence} decides.
 */
public record TableFacts(Map<String, List<String>> uniqueIndexes, Map<String, String> columnTypes,
                         List<String> autoIncrement, int foreignKeys, int triggers) {

    public static TableFacts read(Connection c, String schema, String table) throws SQLException {
        Map<String, List<String>> unique = new LinkedHashMap<>();
        try (ResultSet rs = query(c, "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0 ORDER BY INDEX_NAME, SEQ_IN_INDEX",
                schema, table)) {
            while (rs.next()) {
                unique.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
            }
        }
        Map<String, String> types = new LinkedHashMap<>();
        List<String> autoIncrement = new ArrayList<>();
        try (ResultSet rs = query(c, "SELECT COLUMN_NAME, DATA_TYPE, EXTRA FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?", schema, table)) {
            while (rs.next()) {
                types.put(rs.getString(1).toLowerCase(Locale.ROOT), rs.getString(2).toLowerCase(Locale.ROOT));
                if (rs.getString(3) != null && rs.getString(3).toLowerCase(Locale.ROOT).contains("auto_increment")) {
                    autoIncrement.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        int foreignKeys = count(c, "SELECT COUNT(*) FROM information_schema.KEY_COLUMN_USAGE WHERE "
                + "REFERENCED_TABLE_NAME IS NOT NULL AND ((TABLE_SCHEMA = ? AND TABLE_NAME = ?) "
                + "OR (REFERENCED_TABLE_SCHEMA = ? AND REFERENCED_TABLE_NAME = ?))", schema, table, schema, table);
        int triggers = count(c, "SELECT COUNT(*) FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? "
                + "AND EVENT_OBJECT_TABLE = ?", schema, table);
        return new TableFacts(unique, types, autoIncrement, foreignKeys, triggers);
    }

    private static ResultSet query(Connection c, String sql, String... parameters) throws SQLException {
        PreparedStatement s = c.prepareStatement(sql);
        s.closeOnCompletion();
        for (int i = 0; i < parameters.length; i++) {
            s.setString(i + 1, parameters[i]);
        }
        return s.executeQuery();
    }

    private static int count(Connection c, String sql, String... parameters) throws SQLException {
        try (ResultSet rs = query(c, sql, parameters)) {
            rs.next();
            return rs.getInt(1);
        }
    }
}
