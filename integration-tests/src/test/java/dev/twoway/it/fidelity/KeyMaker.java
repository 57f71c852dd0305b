package dev.twoway.it.fidelity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The primary key of a case's table: fresh key values for inserts (one counter for the whole
 * case, so no key is ever used twice, even across the schema changes), and the keys of the rows
 * now live, as WHERE conditions. Read again for each phase: a key column may be renamed or retyped.
 */
final class KeyMaker {
    private long next;
    private List<ColumnInfo> key = List.of();
    private final List<String> live = new ArrayList<>();
    private List<String> pending;

    KeyMaker(long first) {
        this.next = first;
    }

    void read(Connection c, String schema, String table, List<ColumnInfo> columns) throws SQLException {
        List<String> names = primaryKey(c, schema, table);
        key = names.stream().map(n -> columns.stream().filter(col -> col.name().equalsIgnoreCase(n)).findFirst()
                .orElseThrow()).toList();
        live.clear();
        live.addAll(EdgeWriter.readKeys(c, "SELECT " + whereExpression() + " FROM `" + schema + "`.`" + table + "`"));
    }

    List<String> columns() {
        return key.stream().map(ColumnInfo::name).toList();
    }

    boolean isKey(String column) {
        return key.stream().anyMatch(k -> k.name().equalsIgnoreCase(column));
    }

    /** Literals of a key no row has had yet; {@link #inserted()} makes it live once its insert succeeds. */
    List<String> fresh() {
        long n = next++;
        List<String> values = key.stream().map(k -> literal(k, n)).toList();
        pending = values;
        return values;
    }

    /** The key 0 (an auto-increment key the copy must not renumber). */
    List<String> zero() {
        pending = key.stream().map(k -> "0").toList();
        return pending;
    }

    void inserted() {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            conditions.add("`" + key.get(i).name() + "` = " + pending.get(i));
        }
        live.add(String.join(" AND ", conditions));
    }

    List<String> live() {
        return live;
    }

    String where(String liveKey) {
        return liveKey;
    }

    private static String literal(ColumnInfo k, long n) {
        return switch (k.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal" -> Long.toString(n);
            case "char", "varchar" -> "'k" + n + "'";
            case "binary", "varbinary" -> "x'" + String.format(Locale.ROOT, "%0" + (2 * k.maxLength()) + "x", n) + "'";
            case "date" -> "DATE_ADD('2000-01-01', INTERVAL " + n + " DAY)";
            case "datetime", "timestamp" -> "DATE_ADD('2000-01-01 00:00:00', INTERVAL " + n + " SECOND)";
            default -> throw new IllegalArgumentException("no key values for type " + k.columnType());
        };
    }

    /** SQL that renders a row's key as the WHERE condition that finds it again. */
    private String whereExpression() {
        List<String> parts = new ArrayList<>();
        for (ColumnInfo k : key) {
            String q = "`" + k.name() + "`";
            String value = switch (k.dataType()) {
                case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal" -> "CAST(" + q + " AS CHAR)";
                case "char", "varchar", "binary", "varbinary" -> "CONCAT('x''', HEX(" + q + "), '''')";
                default -> "QUOTE(CAST(" + q + " AS CHAR))";
            };
            parts.add("CONCAT('" + q + " = ', " + value + ")");
        }
        return "CONCAT_WS(' AND ', " + String.join(", ", parts) + ")";
    }

    private static List<String> primaryKey(Connection c, String schema, String table) throws SQLException {
        String sql = "SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            if (names.isEmpty()) {
                throw new IllegalStateException(schema + "." + table + " has no primary key");
            }
            return names;
        }
    }
}
