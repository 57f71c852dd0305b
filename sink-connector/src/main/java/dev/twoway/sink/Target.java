package dev.twoway.sink;

import java.util.List;

import dev.twoway.core.projection.Projection;
import dev.twoway.core.projection.StagedWrite;

/**
 * The table a route writes to, the projection that shapes its rows, the target's ON UPDATE
 * columns the projection does not write (an upsert keeps them as they are) and, when the
 * migration changes a mapped column's type, the staging through which MySQL converts the values
 * (null: the values are written as they are).
 */
public record Target(Route route, String schema, String table, Projection projection, List<String> keepOnUpdate,
                     StagedWrite staging) {

    /** A target whose columns keep their types and have nothing to keep. */
    public Target(Route route, String schema, String table, Projection projection) {
        this(route, schema, table, projection, List.of(), null);
    }
}
