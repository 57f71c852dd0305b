package dev.twoway.core.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.twoway.core.Sql;

/**
 * The statements of an upsert whose values MySQL must convert (the statement changes a mapped
 * column's type): the rows are first written, as they are, into a session's temporary table of
 * the source's column types, then inserted from there by {@code INSERT ... SELECT} through each
 * column's conversion, the same assignment the copy makes ({@link TypeConversion}). A value the
 * target cannot hold fails the statement (strict mode), as it fails the copy.
 *
 * @param table       the temporary table's name (in the target's schema)
 * @param definitions each staged column's type, as a column definition reads it, aligned with the
 *                    target columns
 * @param conversions each column's conversion expression ({@code %s} is the staged column)
 * @param serverZone  whether the conversion runs in the session's zone (the server's: the values
 *                    depend on it, {@link ZoneDependence}); else it runs in UTC, where a TIMESTAMP
 *                    is assigned as its instant, by an optimizer hint on the statement alone
 *                    ({@code SET_VAR}, MySQL 8.0.17 and later), as the connection serves other tables
 */
public record StagedWrite(String schema, String table, List<String> definitions, List<String> conversions,
                          boolean serverZone) {
    private static final String SEQUENCE = "_twoway_seq";
    private static final String ALIAS = "_twoway_stage";
    private static final String IN_UTC = "/*+ SET_VAR(time_zone = '+00:00') */ ";

    /** A staging whose conversions run in the server's zone. */
    public StagedWrite(String schema, String table, List<String> definitions, List<String> conversions) {
        this(schema, table, definitions, conversions, true);
    }

    private String hint() {
        return serverZone ? "" : IN_UTC;
    }

    /** Creates the temporary table when this session has none yet. */
    public String create() {
        List<String> columns = new ArrayList<>();
        columns.add(Sql.quote(SEQUENCE) + " INT NOT NULL");
        for (int i = 0; i < definitions.size(); i++) {
            columns.add(Sql.quote(column(i)) + " " + definitions.get(i) + " NULL");
        }
        return "CREATE TEMPORARY TABLE IF NOT EXISTS " + Sql.qualified(schema, table) + " (" + String.join(", ", columns)
                + ", PRIMARY KEY (" + Sql.quote(SEQUENCE) + ")) ENGINE=InnoDB";
    }

    public String clear() {
        return "DELETE FROM " + Sql.qualified(schema, table);
    }

    /** {@code rows} rows: the sequence number first, then each column's value as the source holds it. */
    public String stage(int rows) {
        List<String> names = new ArrayList<>();
        names.add(SEQUENCE);
        for (int i = 0; i < definitions.size(); i++) {
            names.add(column(i));
        }
        String tuple = "(" + Sql.placeholders(names.size()) + ")";
        return "INSERT INTO " + Sql.qualified(schema, table) + " (" + Sql.columnList(names) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, tuple));
    }

    /** Every staged column as the target would hold it, the staged rows in their order. */
    public String selectConverted() {
        List<String> converted = new ArrayList<>();
        for (int i = 0; i < definitions.size(); i++) {
            converted.add(String.format(conversions.get(i), ALIAS + "." + Sql.quote(column(i))));
        }
        return "SELECT " + hint() + String.join(", ", converted) + " FROM " + Sql.qualified(schema, table) + " AS " + ALIAS
                + " ORDER BY " + ALIAS + "." + Sql.quote(SEQUENCE);
    }

    /** The staged rows into {@code target}, in their order, converted; the same guard as {@link ProjectedWrite}. */
    public String apply(String target, List<String> columns, List<String> key, List<String> keepOnUpdate) {
        List<String> converted = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            converted.add(String.format(conversions.get(i), ALIAS + "." + Sql.quote(column(i))));
        }
        List<String> assignments = new ArrayList<>();
        assignments.add(ProjectedWrite.guard("", key, k -> converted.get(indexOf(columns, k))));
        for (int i = 0; i < columns.size(); i++) {
            if (!ProjectedWrite.contains(key, columns.get(i))) {
                assignments.add(Sql.quote(columns.get(i)) + " = " + converted.get(i));
            }
        }
        keepOnUpdate.forEach(c -> assignments.add(Sql.quote(c) + " = " + Sql.quote(c)));
        return "INSERT " + hint() + "INTO " + Sql.qualified(schema, target) + " (" + Sql.columnList(columns) + ") SELECT "
                + String.join(", ", converted) + " FROM " + Sql.qualified(schema, table) + " AS " + ALIAS + " ORDER BY "
                + ALIAS + "." + Sql.quote(SEQUENCE) + " ON DUPLICATE KEY UPDATE " + String.join(", ", assignments);
    }

    private static String column(int i) {
        return "c" + i;
    }

    private static int indexOf(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException("key column " + column + " is not written: " + columns);
    }
}
