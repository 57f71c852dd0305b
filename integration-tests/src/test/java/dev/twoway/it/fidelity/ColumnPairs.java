package dev.twoway.it.fidelity;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.twoway.it.support.TestMySql;

/**
 * What a case's statement does to the columns, by MySQL's semantics as the case states them
 * (renames, recreated columns), read from the oracle's result: which old column became which new
 * one, the keys on both sides, the columns a projection leaves to ON UPDATE, and the old types
 * under the new names (what the writers make values for after the cut-over).
 */
final class ColumnPairs {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestMySql mysql;
    private final Oracle oracle;
    private final String db;
    private final String table;
    private final FidelityCase c;

    ColumnPairs(TestMySql mysql, Oracle oracle, String db, String table, FidelityCase c) {
        this.mysql = mysql;
        this.oracle = oracle;
        this.db = db;
        this.table = table;
        this.c = c;
    }

    /** Old column to new column, by MySQL's semantics of the statement as the case states them. */
    Map<String, String> pairs(String original) throws SQLException {
        Map<String, String> pairs = new LinkedHashMap<>();
        List<ColumnInfo> oldColumns;
        List<ColumnInfo> newColumns;
        try (Connection conn = mysql.connect()) {
            oldColumns = columnsOf(conn, original);
            newColumns = ColumnInfo.of(conn, oracle.database(), table);
        }
        for (ColumnInfo old : oldColumns) {
            if (old.generated() || c.recreated().contains(old.name())) {
                continue;
            }
            String target = c.renames().getOrDefault(old.name(), old.name());
            newColumns.stream().filter(n -> n.name().equalsIgnoreCase(target) && !n.generated()).findFirst()
                    .ifPresent(n -> pairs.put(old.name(), n.name()));
        }
        return pairs;
    }

    /** The columns of the original definition, read from a scratch table made of it. */
    private List<ColumnInfo> columnsOf(Connection conn, String original) throws SQLException {
        String scratch = table + "_cols";
        oracle.drop(scratch);
        try (var s = conn.createStatement()) {
            s.execute("USE `" + oracle.database() + "`");
            s.execute(original.replaceFirst("CREATE TABLE `[^`]+`", "CREATE TABLE `" + scratch + "`")
                    .replaceAll("CONSTRAINT `[^`]+` CHECK", "CHECK"));
        }
        try {
            return ColumnInfo.of(conn, oracle.database(), scratch);
        }
        finally {
            oracle.drop(scratch);
        }
    }

    /** How twoway's stored column map differs from {@code pairs}, if it does. */
    Optional<String> columnMapProblem(String json, Map<String, String> pairs) throws Exception {
        JsonNode map = JSON.readTree(json);
        Map<String, String> actual = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (JsonNode pair : map.get("columns")) {
            actual.put(pair.get("oldName").asText(), pair.get("newName").asText());
        }
        Map<String, String> expected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        expected.putAll(pairs);
        if (expected.equals(actual)) {
            return Optional.empty();
        }
        return Optional.of("column map: expected " + expected + " (MySQL's semantics of the statement), twoway has " + actual);
    }

    List<String> oldKey(Map<String, String> pairs) throws SQLException {
        return primaryKey(db, table).stream().map(k -> pairs.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(k)).map(Map.Entry::getKey).findFirst().orElse(k)).toList();
    }

    List<String> newKey() throws SQLException {
        return primaryKey(oracle.database(), table);
    }

    private List<String> primaryKey(String schema, String name) throws SQLException {
        try (Connection conn = mysql.connect()) {
            return KeyMaker.rowKey(conn, schema, name);
        }
    }

    /** ON UPDATE columns of {@code name} that the projection does not write: they keep their value. */
    List<String> onUpdate(String schema, String name, Set<String> written) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection conn = mysql.connect()) {
            for (ColumnInfo column : ColumnInfo.of(conn, schema, name)) {
                if (column.extra().contains("ON UPDATE") && written.stream().noneMatch(w -> w.equalsIgnoreCase(column.name()))) {
                    columns.add(column.name());
                }
            }
        }
        return columns;
    }

    /** The old schema's columns under their new names: after the cut-over the writer makes values both types hold. */
    Map<String, ColumnInfo> oldTypes(String original, Map<String, String> pairs) throws SQLException {
        Map<String, ColumnInfo> reference = new HashMap<>();
        try (Connection conn = mysql.connect()) {
            for (ColumnInfo old : columnsOf(conn, original)) {
                String target = pairs.get(old.name());
                if (target != null) {
                    reference.put(target.toLowerCase(Locale.ROOT), old.named(target));
                }
            }
        }
        return reference;
    }
}
