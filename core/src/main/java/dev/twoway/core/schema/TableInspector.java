package dev.twoway.core.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Reads table definitions from information_schema. Only reads. */
public final class TableInspector {
    private final Connection connection;

    public TableInspector(Connection connection) {
        this.connection = connection;
    }

    /** The table's definition, or empty when there is no such base table. */
    public Optional<TableSchema> read(String schema, String table) throws SQLException {
        List<Column> columns = columns(schema, table);
        if (columns.isEmpty()) {
            return Optional.empty();
        }
        Map<String, List<String>> uniqueKeys = uniqueKeys(schema, table);
        List<String> primaryKey = uniqueKeys.getOrDefault("PRIMARY", List.of());
        List<List<String>> notNullUnique = new ArrayList<>();
        uniqueKeys.forEach((name, keyColumns) -> {
            boolean allNotNull = keyColumns.stream().allMatch(k -> columns.stream()
                    .anyMatch(c -> c.name().equalsIgnoreCase(k) && !c.nullable()));
            if (!name.equals("PRIMARY") && allNotNull) {
                notNullUnique.add(keyColumns);
            }
        });
        return Optional.of(new TableSchema(schema, table, List.copyOf(columns), primaryKey, List.copyOf(notNullUnique)));
    }

    public boolean exists(String schema, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(
                "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    /** Foreign keys declared on the table or referencing it, as readable descriptions. */
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

    /** The table's storage engine, empty when there is no such table. */
    public Optional<String> engine(String schema, String table) throws SQLException {
        List<String> engine = strings("SELECT ENGINE FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_NAME = ?", schema, table);
        return engine.isEmpty() ? Optional.empty() : Optional.ofNullable(engine.get(0));
    }

    /** Names of the triggers on the table. */
    public List<String> triggers(String schema, String table) throws SQLException {
        return strings("SELECT TRIGGER_NAME FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = ? "
                + "AND EVENT_OBJECT_TABLE = ? ORDER BY TRIGGER_NAME", schema, table);
    }

    /** Names of the table's CHECK constraints. */
    public List<String> checkConstraints(String schema, String table) throws SQLException {
        return strings("SELECT CONSTRAINT_NAME FROM information_schema.TABLE_CONSTRAINTS WHERE TABLE_SCHEMA = ? "
                + "AND TABLE_NAME = ? AND CONSTRAINT_TYPE = 'CHECK' ORDER BY CONSTRAINT_NAME", schema, table);
    }

    private List<String> strings(String sql, String schema, String table) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            List<String> values = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    private List<Column> columns(String schema, String table) throws SQLException {
        String sql = "SELECT COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_DEFAULT, EXTRA FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            List<Column> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String extra = rs.getString(5) == null ? "" : rs.getString(5).toUpperCase(java.util.Locale.ROOT);
                    // EXTRA says DEFAULT_GENERATED for a column with an expression default (CURRENT_TIMESTAMP):
                    // a column like any other. Only VIRTUAL and STORED GENERATED columns are computed.
                    boolean generated = extra.contains("VIRTUAL GENERATED") || extra.contains("STORED GENERATED");
                    columns.add(new Column(rs.getString(1), rs.getString(2), "YES".equals(rs.getString(3)),
                            rs.getString(4), generated, extra.contains("AUTO_INCREMENT")));
                }
            }
            return columns;
        }
    }

    /** Unique indexes by name, columns in index order. */
    private Map<String, List<String>> uniqueKeys(String schema, String table) throws SQLException {
        String sql = "SELECT INDEX_NAME, COLUMN_NAME FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND NON_UNIQUE = 0 AND COLUMN_NAME IS NOT NULL "
                + "ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME, SEQ_IN_INDEX";
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            Map<String, List<String>> keys = new LinkedHashMap<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    keys.computeIfAbsent(rs.getString(1), k -> new ArrayList<>()).add(rs.getString(2));
                }
            }
            return keys;
        }
    }
}
