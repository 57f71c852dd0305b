package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.twoway.core.Sql;

/**
 * What the copy needs to know about the table: roughly how many rows, which index is its key,
 * and its smallest and largest key when that is one integer column. Only reads.
 */
public final class CopyInspector {
    /**
     * Below this estimate the rows are counted exactly: counting is cheap there (tens of ms),
     * while counting a million rows held the copy's start for a quarter of a second, for a
     * figure only the progress report uses (it grows with the rows copied when low).
     */
    static final long COUNT_BELOW = 100_000L;

    private final Connection connection;

    public CopyInspector(Connection connection) {
        this.connection = connection;
    }

    /** InnoDB's current estimate (not the dictionary's cached copy, which may be a day old), or a count when small. */
    public long estimateRows(String schema, String table) throws SQLException {
        long estimate = 0;
        try (Statement fresh = connection.createStatement()) {
            fresh.execute("SET SESSION information_schema_stats_expiry = 0");
        }
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT TABLE_ROWS FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next()) {
                    estimate = rs.getLong(1);
                }
            }
        }
        if (estimate >= COUNT_BELOW) {
            return estimate;
        }
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + Sql.qualified(schema, table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** A unique index: its name and its columns in index order. */
    public record KeyIndex(String name, List<String> columns) {
    }

    /** The unique index whose columns are exactly {@code key} (in any order). */
    public Optional<KeyIndex> indexOf(String schema, String table, List<String> key) throws SQLException {
        for (Map.Entry<String, List<String>> index : uniqueIndexes(schema, table).entrySet()) {
            List<String> columns = index.getValue();
            if (columns.size() == key.size() && columns.stream().allMatch(c -> key.stream().anyMatch(c::equalsIgnoreCase))) {
                return Optional.of(new KeyIndex(index.getKey(), List.copyOf(columns)));
            }
        }
        return Optional.empty();
    }

    /**
     * The columns of the table an index orders by number, not as they read: each ENUM with its
     * count of values, each SET with 0 (see {@link ChunkSql#numbered}).
     */
    public Map<String, Integer> numberedColumns(String schema, String table) throws SQLException {
        Map<String, Integer> columns = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND DATA_TYPE IN ('enum', 'set')")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.put(rs.getString(1), "enum".equalsIgnoreCase(rs.getString(2)) ? values(rs.getString(3)) : 0);
                }
            }
        }
        return columns;
    }

    /** How many values {@code enum('a','it''s')} lists: its quoted strings, {@code ''} an escaped quote within one. */
    static int values(String columnType) {
        int count = 0;
        boolean quoted = false;
        for (int i = columnType.indexOf('('); i >= 0 && i < columnType.length(); i++) {
            if (columnType.charAt(i) != '\'') {
                continue;
            }
            if (quoted && i + 1 < columnType.length() && columnType.charAt(i + 1) == '\'') {
                i++;
            }
            else {
                quoted = !quoted;
                count += quoted ? 1 : 0;
            }
        }
        return count;
    }

    /** Unique indexes in order: PRIMARY first, each with its columns in index order. */
    public Map<String, List<String>> uniqueIndexes(String schema, String table) throws SQLException {
        String sql = "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_NAME = ? AND NON_UNIQUE = 0 AND COLUMN_NAME IS NOT NULL "
                + "ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX";
        Map<String, List<String>> indexes = new LinkedHashMap<>();
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    indexes.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
        }
        return indexes;
    }
}
