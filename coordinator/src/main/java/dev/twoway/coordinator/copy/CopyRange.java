package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

/**
 * A range {@code (after, end]} of the key that {@link RangeCopy}'s workers copy chunk by chunk,
 * each chunk in one transaction with the range's progress: a range of one signed integer key
 * planned by arithmetic ({@link IntegerRange}) or one of any key cut by sampling its index
 * ({@link SampledRange}). Every method but {@link Chunk#copy} is called under the copy's lock.
 */
interface CopyRange {
    int number();

    boolean done();

    /** Rows copied in this range. */
    long rows();

    /** Key values the range starts after; null: the start of the table. */
    List<Object> after();

    List<Object> end();

    /** Key values the range is copied through; null: nothing yet. */
    List<Object> last();

    /** Takes the next chunk for the worker about to copy it. */
    Chunk claim();

    /** Keys left and not claimed, to choose the range to split; 0 when it cannot be split. */
    long keysLeft();

    /**
     * Gives the upper half of what is left to a new range numbered {@code number}, recorded on
     * {@code c} (not committed); empty when it is too small, or cannot be split.
     */
    Optional<CopyRange> split(Connection c, int number) throws SQLException;

    /** A chunk claimed from a range. */
    interface Chunk {
        /**
         * Copies the chunk on {@code c} and records the range's progress, in one transaction left
         * open for the caller to commit; returns the rows inserted. Outside the copy's lock.
         */
        long copy(Connection c) throws SQLException;

        /** The chunk's transaction committed: the range moves on. */
        void copied(long inserted, long nanos);
    }
}
