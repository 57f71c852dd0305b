package dev.twoway.core.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.twoway.core.schema.Column;
import dev.twoway.core.schema.ColumnType;
import dev.twoway.core.schema.TableSchema;

/**
 * Whether a migration's values depend on the session's time zone, so that twoway must copy,
 * convert and compare them in the server's zone, as MySQL's own ALTER TABLE does. Otherwise they
 * are copied and compared in UTC, where a TIMESTAMP is its instant and nothing else changes with
 * the zone: in a zone with daylight saving time, the hour the clocks go back reads as one local
 * time for two instants, and in that zone an {@code INSERT ... SELECT} moves the second hour's
 * TIMESTAMPs onto the first and a key range compared there leaves rows out, where an in-place
 * ALTER TABLE keeps every instant. Decides only.
 *
 * <p>The values depend on the zone when a mapped column changes between TIMESTAMP and another
 * type (MySQL converts by way of the local time), when a column only one side has takes a default
 * from the clock or from an expression (a DATETIME's CURRENT_TIMESTAMP is the local time), or when
 * a table with a TIMESTAMP column computes something from its columns (a generated column, a CHECK
 * constraint, an index on an expression: {@code DATE(ts)} is the local day).
 */
public final class ZoneDependence {
    private ZoneDependence() {
    }

    /**
     * Why the values depend on the zone; empty when they do not.
     *
     * @param oldExpressions whether the old table has a generated column, a CHECK constraint or an index on an expression
     * @param newExpressions the same of the new table
     */
    public static List<String> reasons(TableSchema oldTable, TableSchema newTable, ColumnMap map,
                                       Map<String, ColumnType> oldTypes, Map<String, ColumnType> newTypes,
                                       boolean oldExpressions, boolean newExpressions) {
        List<String> reasons = new ArrayList<>();
        for (ColumnPair pair : map.pairs()) {
            ColumnType from = oldTypes.get(pair.oldName());
            ColumnType to = newTypes.get(pair.newName());
            if (from != null && to != null && timestamp(from) != timestamp(to)) {
                reasons.add("column `" + pair.oldName() + "` changes from " + from.columnType() + " to " + to.columnType()
                        + ", which MySQL converts by way of the local time");
            }
        }
        unpaired(oldTable, map, true, oldTypes, reasons);
        unpaired(newTable, map, false, newTypes, reasons);
        expressions(oldTable, oldTypes, oldExpressions, reasons);
        expressions(newTable, newTypes, newExpressions, reasons);
        return List.copyOf(reasons);
    }

    /** A column of the table no pair writes, whose default a row written by twoway takes. */
    private static void unpaired(TableSchema table, ColumnMap map, boolean old, Map<String, ColumnType> types,
                                 List<String> reasons) {
        for (Column column : table.columns()) {
            boolean paired = map.pairs().stream().anyMatch(p -> (old ? p.oldName() : p.newName()).equalsIgnoreCase(column.name()));
            ColumnType type = types.get(column.name());
            if (paired || column.generated() || column.defaultValue() == null || type != null && timestamp(type)) {
                continue;
            }
            String value = column.defaultValue().toUpperCase(Locale.ROOT);
            if (value.contains("CURRENT_TIMESTAMP") || value.contains("(")) {
                reasons.add("column `" + column.name() + "` of " + table.table() + " takes the default "
                        + column.defaultValue() + ", which depends on the time zone");
            }
        }
    }

    private static void expressions(TableSchema table, Map<String, ColumnType> types, boolean expressions,
                                    List<String> reasons) {
        if (expressions && types.values().stream().anyMatch(ZoneDependence::timestamp)) {
            reasons.add(table.table() + " computes a generated column, a CHECK constraint or an index from its columns, "
                    + "a TIMESTAMP among them");
        }
    }

    public static boolean timestamp(ColumnType type) {
        return TypeConversion.family(type) == TypeConversion.Family.TIMESTAMP;
    }
}
