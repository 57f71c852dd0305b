package dev.twoway.sink;

import java.util.Set;

import dev.twoway.core.projection.Direction;

/**
 * Recognises an inverse write the old table cannot hold: the sink's strict {@code sql_mode}
 * makes MySQL refuse an out-of-range, too long or incorrect value instead of truncating it.
 * Such a migration can no longer be reverted without loss, so its inverse stream stops.
 */
public final class LossyInverse {
    /** Out of range, data truncated, incorrect value, data too long. */
    static final Set<Integer> CODES = Set.of(1264, 1265, 1366, 1406);

    private LossyInverse() {
    }

    public static boolean is(RowWriteException e) {
        return e.change().route().direction() == Direction.INVERSE && CODES.contains(e.getErrorCode());
    }

    /** The reason recorded in the migration's {@code message}; MySQL's text names the column. */
    public static String reason(RowWriteException e) {
        return "not revertible: the old table cannot hold a value written after the cut-over, so the inverse "
                + "stream stopped; " + e.getMessage();
    }
}
