package dev.twoway.it.fidelity;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a table holds, read from MySQL: its definition ({@code SHOW CREATE TABLE}, with only the
 * table's own name and the AUTO_INCREMENT counter taken out) and every row, every column
 * (invisible and generated ones included), each value as the bytes of {@code CAST(col AS BINARY)}:
 * the exact stored string, the shortest text of a number, MySQL's canonical JSON, a geometry's
 * internal bytes. Both images of a comparison are read on one connection, so TIMESTAMPs print in
 * one zone.
 */
record TableImage(String definition, List<String> columns, Map<String, Map<String, String>> rows) {

    static TableImage read(Connection c, String schema, String table) throws SQLException {
        List<ColumnInfo> info = ColumnInfo.of(c, schema, table);
        if (info.isEmpty()) {
            throw new IllegalStateException(schema + "." + table + " does not exist");
        }
        List<String> columns = info.stream().map(ColumnInfo::name).toList();
        List<String> key = primaryKeyOrAll(c, schema, table, columns);
        String select = columns.stream().map(n -> "CAST(`" + n + "` AS BINARY)").collect(Collectors.joining(", "));
        Map<String, Map<String, String>> rows = new LinkedHashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + select + " FROM `" + schema + "`.`" + table + "`")) {
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < columns.size(); i++) {
                    byte[] bytes = rs.getBytes(i + 1);
                    row.put(columns.get(i), bytes == null ? null : render(bytes));
                }
                String id = key.stream().map(row::get).collect(Collectors.joining("|"));
                rows.put(id, row);
            }
        }
        return new TableImage(definition(c, schema, table), columns, rows);
    }

    /** Printable when it is UTF-8 text, else hex. */
    private static String render(byte[] bytes) {
        for (byte b : bytes) {
            if (b >= 0 && b < 0x20 || b < 0) {
                return "0x" + HexFormat.of().formatHex(bytes);
            }
        }
        return new String(bytes, java.nio.charset.StandardCharsets.US_ASCII);
    }

    static String definition(Connection c, String schema, String table) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + schema + "`.`" + table + "`")) {
            rs.next();
            return rs.getString(2).replaceFirst("CREATE TABLE `[^`]+`", "CREATE TABLE <t>")
                    .replaceAll(" AUTO_INCREMENT=\\d+", "");
        }
    }

    /** Rows are told apart by the key that identifies them (see {@link KeyMaker#rowKey}), else by every column. */
    private static List<String> primaryKeyOrAll(Connection c, String schema, String table, List<String> columns)
            throws SQLException {
        List<String> key = KeyMaker.rowKey(c, schema, table);
        return key.isEmpty() ? columns : key;
    }

    /**
     * How {@code actual} differs from this image (the expected one): the definitions, rows missing
     * or extra, and values that differ, at most {@code limit} rows described. Columns in
     * {@code ignored} are compared for presence of a value only (NULL or not): their values come
     * from the clock (a default of CURRENT_TIMESTAMP filled in at another moment).
     */
    List<String> differences(TableImage actual, Set<String> ignored, boolean compareDefinition, int limit) {
        List<String> out = new ArrayList<>();
        if (compareDefinition && !definition.equals(actual.definition)) {
            out.add("definition differs:\n  expected " + definition + "\n  actual   " + actual.definition);
        }
        if (!columns.equals(actual.columns)) {
            out.add("columns differ: expected " + columns + ", actual " + actual.columns);
            return out;
        }
        Set<String> keys = new TreeSet<>(rows.keySet());
        keys.addAll(actual.rows.keySet());
        int rowDiffs = 0;
        for (String key : keys) {
            Map<String, String> e = rows.get(key);
            Map<String, String> a = actual.rows.get(key);
            String diff = rowDifference(e, a, ignored);
            if (diff != null) {
                rowDiffs++;
                if (rowDiffs <= limit) {
                    out.add("row " + key + ": " + diff);
                }
            }
        }
        if (rowDiffs > limit) {
            out.add("... and " + (rowDiffs - limit) + " more differing rows");
        }
        return out;
    }

    int differingRows(TableImage actual, Set<String> ignored) {
        Set<String> keys = new TreeSet<>(rows.keySet());
        keys.addAll(actual.rows.keySet());
        return (int) keys.stream().filter(k -> rowDifference(rows.get(k), actual.rows.get(k), ignored) != null).count();
    }

    /**
     * Values from the clock: both NULL, or both times within ten minutes of each other (the case
     * runs for less, so a value read in the wrong time zone, hours off, still differs).
     */
    static boolean sameMoment(String expected, String actual) {
        if (expected == null || actual == null) {
            return expected == null && actual == null;
        }
        try {
            java.time.LocalDateTime e = java.time.LocalDateTime.parse(expected.replace(' ', 'T'));
            java.time.LocalDateTime a = java.time.LocalDateTime.parse(actual.replace(' ', 'T'));
            return Math.abs(java.time.Duration.between(e, a).toSeconds()) <= 600;
        }
        catch (java.time.format.DateTimeParseException notATime) {
            return true;
        }
    }

    private static String rowDifference(Map<String, String> e, Map<String, String> a, Set<String> ignored) {
        if (e == null) {
            return "extra (not expected): " + a;
        }
        if (a == null) {
            return "missing: expected " + e;
        }
        List<String> cols = new ArrayList<>();
        for (Map.Entry<String, String> entry : e.entrySet()) {
            String column = entry.getKey();
            String expected = entry.getValue();
            String actual = a.get(column);
            boolean same = ignored.contains(column) ? sameMoment(expected, actual) : Objects.equals(expected, actual);
            if (!same) {
                cols.add(column + " expected " + expected + " got " + actual);
            }
        }
        return cols.isEmpty() ? null : String.join("; ", cols);
    }
}
