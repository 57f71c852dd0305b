package dev.twoway.sink;

import java.util.Set;

import dev.twoway.core.projection.ProjectedWrite;

/**
 * What MySQL's refusal of a projected write means. A <em>collision</em>: the row collides with
 * another on a unique key (error 1062, or the upsert's identity guard, see {@code ProjectedWrite}). A <em>value refusal</em>: the target cannot hold a value
 * (strict mode: out of range, too long, incorrect, NULL into NOT NULL, no default, a CHECK, a JSON
 * or spatial value it refuses). Anything else (a lost connection, a lock wait) is neither: the
 * batch is retried.
 */
final class WriteRefusal {
    /** 1048 null, 1062 duplicate, 1264 range, 1265 truncated, 1292/1366 incorrect, 1364 no default, 1406 too long. */
    private static final Set<Integer> VALUE_ERRORS = Set.of(ProjectedWrite.COLLISION, 1048, 1062, 1264, 1265, 1292, 1364, 1366, 1406,
            // 1416 not a geometry, 1441 datetime overflow, 3037 invalid GIS data, 3140-3146 invalid JSON,
            // 3616/3617 coordinates, 3819 CHECK
            1416, 1441, 3037, 3140, 3141, 3143, 3144, 3146, 3616, 3617, 3819);

    private WriteRefusal() {
    }

    /** Whether the target refuses the value or the row: never worth a retry of the same batch. */
    static boolean isRefusal(RowWriteException e) {
        return VALUE_ERRORS.contains(e.getErrorCode());
    }

    /** MySQL's ER_NO_SUCH_TABLE. */
    static final int NO_SUCH_TABLE = 1146;

    /**
     * Whether the table written is gone. twoway's own swaps rename atomically and the sink writes
     * a table only between the markers that bound its life, so only a DROP or RENAME from outside
     * takes one away: no retry brings it back.
     */
    static boolean isMissingTable(RowWriteException e) {
        return e.getErrorCode() == NO_SUCH_TABLE;
    }

    /** Whether the upsert collides with another row on a unique key. */
    static boolean isCollision(RowWriteException e) {
        return e.getErrorCode() == ProjectedWrite.COLLISION || e.getErrorCode() == 1062;
    }
}
