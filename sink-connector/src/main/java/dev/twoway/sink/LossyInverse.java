package dev.twoway.sink;


/**
 * The reason of an inverse write the old table cannot hold ({@link WriteRefusal}): the sink's
 * strict {@code sql_mode} makes MySQL refuse an out-of-range, too long or incorrect value instead
 * of truncating it, and a unique key the old table has refuses a duplicate. Such a migration can no
 * longer be reverted without loss, so its inverse stream stops.
 */
public final class LossyInverse {
    private LossyInverse() {
    }

    /** The reason recorded in the migration's {@code message}; MySQL's text names the column or key. */
    public static String reason(RowWriteException e) {
        String why = WriteRefusal.isCollision(e)
                ? "a row written after the cut-over collides with another on a unique key the old table has and the "
                        + "new one does not (" + e.getMessage() + ")"
                : e.getMessage();
        return "not revertible: the old table cannot hold a row written after the cut-over, so the inverse "
                + "stream stopped; " + why;
    }
}
