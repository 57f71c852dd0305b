package dev.twoway.core.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

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

    /**
     * The refusal of a migration whose values depend on the zone ({@code reasons}, not empty), keyed
     * by the TIMESTAMP columns {@code timestampKey}, on a server whose zone {@code daylightSavingZone}
     * has daylight saving time: in that zone the copy's key ranges compare local times, and the hour
     * the clocks go back reads as one local time for two instants, so the rows of one of them fall
     * between two ranges (MySQL's own table-copying ALTER TABLE moves them onto the other's, or fails
     * on a duplicate key). Empty when the key has no TIMESTAMP or the zone no daylight saving time.
     */
    public static Optional<String> refusal(List<String> reasons, List<String> timestampKey,
                                           Optional<String> daylightSavingZone) {
        if (timestampKey.isEmpty() || daylightSavingZone.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("the statement's values depend on the time zone (" + String.join("; ", reasons)
                + "), so twoway must copy them in the server's zone, " + daylightSavingZone.get() + ", which has "
                + "daylight saving time; the table's key has the TIMESTAMP column " + String.join(", ",
                timestampKey.stream().map(k -> "`" + k + "`").toList()) + ", and in the hour the clocks go back two "
                + "instants read as one local time there, so a copy by key ranges would leave rows out (MySQL's own "
                + "ALTER TABLE moves them an hour or fails on a duplicate key). Run this change with the server's "
                + "time_zone set to a zone without daylight saving time (such as '+00:00'), or key the table by "
                + "another column first");
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
