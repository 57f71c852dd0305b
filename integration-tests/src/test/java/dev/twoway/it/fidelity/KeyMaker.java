package dev.twoway.it.fidelity;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The primary key of a case's table: fresh key values for inserts (one counter for the whole
 * case, so no key is ever used twice, even across the schema changes), and the keys of the rows
 * now live, as WHERE conditions. Read again for each phase: a key column may be renamed or retyped.
 */
final class KeyMaker {
    private static final LocalDateTime MOMENT = LocalDateTime.of(2000, 1, 1, 0, 0);
    /** By fractional digits: a key literal at the column's precision, so it is stored as written. */
    private static final List<DateTimeFormatter> MOMENTS = List.of(0, 1, 2, 3, 4, 5, 6).stream()
            .map(d -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss" + (d == 0 ? "" : "." + "S".repeat(d)), Locale.ROOT))
            .toList();
    private long next;
    private List<ColumnInfo> key = List.of();
    private final List<List<String>> live = new ArrayList<>();
    private List<String> pending;

    KeyMaker(long first) {
        this.next = first;
    }

    void read(Connection c, String schema, String table, List<ColumnInfo> columns) throws SQLException {
        List<String> names = rowKey(c, schema, table);
        if (names.isEmpty()) {
            throw new IllegalStateException(schema + "." + table + " has no primary key and no NOT NULL unique key");
        }
        key = names.stream().map(n -> columns.stream().filter(col -> col.name().equalsIgnoreCase(n)).findFirst()
                .orElseThrow()).toList();
        live.clear();
        live.addAll(readLive(c, schema, table));
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

    /** A literal for {@code column} no row has had yet (a column under a unique key the case fills with distinct values). */
    String unique(ColumnInfo column) {
        return literal(column, next++);
    }

    /** The key of the last {@link #fresh()} or {@link #zero()} is live now; returns it. */
    List<String> inserted() {
        live.add(pending);
        return pending;
    }

    /** The keys of the rows now in the table, each as one literal per key column. */
    List<List<String>> live() {
        return live;
    }

    /** The condition that finds the row of {@code key} in a table whose key columns are {@code columns}. */
    static String where(List<String> columns, List<String> key) {
        List<String> conditions = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            conditions.add("`" + columns.get(i) + "` = " + key.get(i));
        }
        return String.join(" AND ", conditions);
    }

    String where(List<String> key) {
        return where(columns(), key);
    }

    /**
     * The {@code n}th key value of {@code k}'s type, each an edge of its own: BIGINT UNSIGNED above
     * 2^63 (alternately from both ends of the upper half), strings in mixed case with an accent
     * (a case-insensitive key must match them exactly), times with fractional seconds.
     */
    private static String literal(ColumnInfo k, long n) {
        return switch (k.dataType()) {
            case "bigint" -> k.unsigned() ? unsignedAboveSignedRange(n) : Long.toString(n);
            case "tinyint", "smallint", "mediumint", "int", "decimal" -> Long.toString(n);
            case "char", "varchar" -> "binary".equals(k.charset()) ? "'k" + n + "'" : "'Kéy-" + n + "'";
            case "binary", "varbinary" -> "x'" + String.format(Locale.ROOT, "%0" + (2 * Math.min(k.maxLength(), 16)) + "x", n) + "'";
            case "date" -> "DATE_ADD('2000-01-01', INTERVAL " + n + " DAY)";
            case "datetime", "timestamp" -> "'" + MOMENT.plusNanos(n * 1_001_001_000L).format(MOMENTS.get(k.fraction())) + "'";
            default -> throw new IllegalArgumentException("no key values for type " + k.columnType());
        };
    }

    private static String unsignedAboveSignedRange(long n) {
        BigInteger top = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);
        BigInteger value = n % 2 == 0 ? BigInteger.ONE.shiftLeft(63).add(BigInteger.valueOf(n))
                : top.subtract(BigInteger.valueOf(n));
        return value.toString();
    }

    /** Each row's key, a literal per column that finds it again (numbers as text, strings as their bytes). */
    private List<List<String>> readLive(Connection c, String schema, String table) throws SQLException {
        List<String> parts = new ArrayList<>();
        for (ColumnInfo k : key) {
            String q = "`" + k.name() + "`";
            parts.add(switch (k.dataType()) {
                case "tinyint", "smallint", "mediumint", "int", "bigint", "decimal" -> "CAST(" + q + " AS CHAR)";
                case "char", "varchar", "binary", "varbinary" -> "CONCAT('x''', HEX(" + q + "), '''')";
                default -> "QUOTE(CAST(" + q + " AS CHAR))";
            });
        }
        List<List<String>> keys = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + String.join(", ", parts) + " FROM `" + schema + "`.`" + table + "`")) {
            while (rs.next()) {
                List<String> row = new ArrayList<>();
                for (int i = 1; i <= parts.size(); i++) {
                    row.add(rs.getString(i));
                }
                keys.add(List.copyOf(row));
            }
        }
        return keys;
    }

    /**
     * The columns that identify a row as InnoDB does: the primary key, else the first unique key
     * whose columns are all NOT NULL (in the order {@code SHOW INDEX} lists them, which is the
     * table's own). Empty when there is neither.
     */
    static List<String> rowKey(Connection c, String schema, String table) throws SQLException {
        Map<String, List<String>> unique = new LinkedHashMap<>();
        List<String> nullable = new ArrayList<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW INDEX FROM `" + schema + "`.`" + table + "`")) {
            while (rs.next()) {
                String index = rs.getString("Key_name");
                if (rs.getInt("Non_unique") != 0 || rs.getString("Column_name") == null) {
                    continue;
                }
                unique.computeIfAbsent(index, i -> new ArrayList<>()).add(rs.getString("Column_name"));
                if ("YES".equals(rs.getString("Null"))) {
                    nullable.add(index);
                }
            }
        }
        if (unique.containsKey("PRIMARY")) {
            return unique.get("PRIMARY");
        }
        return unique.entrySet().stream().filter(e -> !nullable.contains(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse(List.of());
    }
}
