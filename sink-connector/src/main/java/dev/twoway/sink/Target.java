package dev.twoway.sink;

import java.util.List;

import dev.twoway.core.projection.Projection;
import dev.twoway.core.projection.StagedWrite;

/**
 * The table a route writes to, the projection that shapes its rows, the target's ON UPDATE
 * columns the projection does not write (an upsert keeps them as they are) and, when the
 * migration changes a mapped column's type, the staging through which MySQL converts the values
 * (null: the values are written as they are) with the expressions that make a converted value
 * compare as the target's column compares; {@code source} is the migrated table itself;
 * {@code independentKeys}: whether the writes of different keys commute on the table
 * ({@link KeyIndependence}), so a batch may be written as its last change per key;
 * {@code serverZone}: whether its rows are written in the server's time zone (the migration's
 * values depend on it), else in UTC ({@link StatementExecutor#zone}).
 */
public record Target(Route route, String schema, String table, Projection projection, List<String> keepOnUpdate,
                     StagedWrite staging, List<String> comparables, String source, boolean independentKeys,
                     boolean serverZone) {

    /** A target whose columns keep their types and have nothing to keep, written in record order. */
    public Target(Route route, String schema, String table, Projection projection) {
        this(route, schema, table, projection, List.of(), null, null, null, false, true);
    }

    /** Column {@code i}'s converted value made to compare as the target column compares (see {@code TypeConversion}). */
    public String comparable(int i) {
        return comparables == null ? "%s" : comparables.get(i);
    }

    /** Column {@code i}'s conversion from the source's type to the target's ({@code %s} when it keeps its type). */
    public String conversion(int i) {
        return staging == null ? "%s" : staging.conversions().get(i);
    }
}
