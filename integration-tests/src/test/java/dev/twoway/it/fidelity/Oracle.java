package dev.twoway.it.fidelity;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import dev.twoway.it.support.TestMySql;

/**
 * What MySQL itself makes of the same rows, computed in a database of its own, never from a
 * model the test keeps. Forward: the original definition re-created under the table's own name
 * (so generated constraint names are the table's), filled with the rows the old table held at
 * the cut-over, then altered by the same statement in a fresh session (server defaults: SQL mode
 * and time zone), as a user's ALTER TABLE would run. Revert and re-apply: the table parked at the
 * previous swap, with the rows written since projected onto it by MySQL's own assignment (an
 * INSERT ... SELECT ... ON DUPLICATE KEY UPDATE of the shared columns; a column only one side has
 * keeps its value on a row that existed and takes its default on a new row), the values of the
 * other schema converted first by the statement's ALTER where it is the forward direction.
 */
final class Oracle {
    /** The sink's SQL mode for writes (strict, no auto-increment renumbering), on top of the server's. */
    static final String STRICT = "SET SESSION sql_mode = CONCAT(@@GLOBAL.sql_mode, ',STRICT_ALL_TABLES,NO_AUTO_VALUE_ON_ZERO')";

    private final TestMySql mysql;
    private final String db;

    Oracle(TestMySql mysql, String db) {
        this.mysql = mysql;
        this.db = db;
    }

    String database() {
        return db;
    }

    /** The result of {@code change} applied by MySQL to a copy of {@code schema.from}, as a table named {@code name}. */
    TableImage forward(String originalDefinition, String name, String schema, String from, String change)
            throws SQLException {
        drop(name);
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("USE `" + db + "`");
            s.execute(originalDefinition);
            copyRows(s, schema, from, name);
        }
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("ALTER TABLE `" + db + "`.`" + name + "` " + change);
            return TableImage.read(c, db, name);
        }
    }

    /** An exact copy of {@code schema.from} (rows and columns) as {@code db.name}, to build expectations on. */
    void snapshot(String schema, String from, String name) throws SQLException {
        drop(name);
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("CREATE TABLE `" + db + "`.`" + name + "` LIKE `" + schema + "`.`" + from + "`");
            copyRows(s, schema, from, name);
        }
    }

    /**
     * {@code base} (a snapshot) with the rows the writers changed in {@code source} since then
     * projected onto it, as the stream carries them: a changed row gone from {@code source} deleted,
     * the others' shared columns upserted; a row no writer changed keeps its value, whatever the
     * other table holds. {@code pairs} maps a column of {@code base} to its column in
     * {@code source}; {@code key} are base's key columns; {@code changed} the keys of the changed
     * rows, a literal per column of {@code changedColumns} (source's names).
     * {@code keepOnUpdate}: base's ON UPDATE columns the projection does not write (they keep their value).
     */
    void project(String base, String source, Map<String, String> pairs, List<String> key, List<String> keepOnUpdate,
                 List<String> changedColumns, Set<List<String>> changed) throws SQLException {
        if (changed.isEmpty()) {
            return;
        }
        String b = "`" + db + "`.`" + base + "`";
        String src = "`" + db + "`.`" + source + "`";
        String keyCondition = key.stream().map(k -> "s.`" + pairs.get(k) + "` <=> " + b + ".`" + k + "`")
                .collect(Collectors.joining(" AND "));
        Map<String, String> toBase = new HashMap<>();
        pairs.forEach((baseColumn, sourceColumn) -> toBase.put(sourceColumn.toLowerCase(Locale.ROOT), baseColumn));
        List<String> baseColumns = changedColumns.stream().map(cc -> toBase.get(cc.toLowerCase(Locale.ROOT))).toList();
        String changedInSource = anyOf(changed, "s.", changedColumns);
        String changedInBase = anyOf(changed, b + ".", baseColumns);
        List<String> targets = List.copyOf(pairs.keySet());
        String updates = targets.stream().filter(t -> !key.contains(t))
                .map(t -> b + ".`" + t + "` = s.`" + pairs.get(t) + "`").collect(Collectors.joining(", "));
        String keep = keepOnUpdate.stream().map(t -> b + ".`" + t + "` = " + b + ".`" + t + "`")
                .collect(Collectors.joining(", "));
        String assignments = String.join(", ", List.of(updates, keep).stream().filter(x -> !x.isEmpty()).toList());
        if (assignments.isEmpty()) {
            assignments = b + ".`" + key.get(0) + "` = " + b + ".`" + key.get(0) + "`";
        }
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute(STRICT);
            s.execute("DELETE FROM " + b + " WHERE (" + changedInBase + ") AND NOT EXISTS (SELECT 1 FROM " + src
                    + " s WHERE " + keyCondition + ")");
            s.execute("INSERT INTO " + b + " (" + targets.stream().map(t -> "`" + t + "`").collect(Collectors.joining(", "))
                    + ") SELECT " + targets.stream().map(t -> "s.`" + pairs.get(t) + "`").collect(Collectors.joining(", "))
                    + " FROM " + src + " s WHERE " + changedInSource + " ON DUPLICATE KEY UPDATE " + assignments);
        }
    }

    /** {@code (t.c1 <=> k1 AND t.c2 <=> k2) OR ...} over the keys, {@code table} the qualifier with its dot. */
    private static String anyOf(Set<List<String>> keys, String table, List<String> columns) {
        return keys.stream().map(k -> {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                parts.add(table + "`" + columns.get(i) + "` <=> " + k.get(i));
            }
            return "(" + String.join(" AND ", parts) + ")";
        }).collect(Collectors.joining(" OR "));
    }

    /** {@code ALTER TABLE db.name change}, in a session with the server's defaults. */
    void alter(String name, String change) throws SQLException {
        mysql.execute("ALTER TABLE `" + db + "`.`" + name + "` " + change);
    }

    TableImage image(String name) throws SQLException {
        try (Connection c = mysql.connect()) {
            return TableImage.read(c, db, name);
        }
    }

    void drop(String name) throws SQLException {
        mysql.execute("DROP TABLE IF EXISTS `" + db + "`.`" + name + "`");
    }

    /** Every non-generated column, copied as stored (no strict mode, no auto-increment renumbering). */
    private void copyRows(Statement s, String schema, String from, String to) throws SQLException {
        List<ColumnInfo> columns = ColumnInfo.of(s.getConnection(), schema, from);
        String list = columns.stream().filter(c -> !c.generated()).map(c -> "`" + c.name() + "`")
                .collect(Collectors.joining(", "));
        s.execute("SET SESSION sql_mode = 'NO_AUTO_VALUE_ON_ZERO'");
        s.execute("INSERT INTO `" + db + "`.`" + to + "` (" + list + ") SELECT " + list + " FROM `" + schema + "`.`"
                + from + "`");
    }
}
