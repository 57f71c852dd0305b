package dev.twoway.coordinator.step;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.core.state.MigrationRow;

/**
 * The steps of a deploy request that need MySQL beyond the sidecar: admission, building what a
 * member needs before its copy, the copy, the locked swap and the sources' health. The
 * reconciler's seam to them ({@link MySqlRequestWork} in service, a fake in its unit tests, as
 * gh-ost injects its {@code RetrySleepFn}).
 */
public interface RequestWork extends AutoCloseable {
    /** How a member's copy step went. */
    enum Copy {
        /** A chunk copied (or the range workers let run): call again at once. */
        MORE,
        /** Waiting for the sink to reach the start marker. */
        WAITING,
        /** Every row copied: the member is ready. */
        DONE,
        /** The new schema refuses a row: the request fails with the reason. */
        FAILED
    }

    /** A copy step's outcome, and the reason when it failed. */
    record CopyResult(Copy outcome, String reason) {
        public static CopyResult of(Copy outcome) {
            return new CopyResult(outcome, null);
        }
    }

    /** Step 1: inserts every member's row, queued, or failed with every reason. */
    void admit(String ddl) throws SQLException;

    /** queued -> running: the shadow (ALTER), the staging table (CREATE), nothing (DROP). */
    void build(MigrationRow member) throws SQLException;

    /** running: the member's next chunk; a CREATE or DROP has nothing to copy and is ready at once. */
    CopyResult copy(MigrationRow member) throws SQLException;

    /** Every member's copy workers stopped after their chunks: no other step runs beside them on a member. */
    void stopCopies();

    /** Whether a swap attempt may start now (attempts left, backoff over). */
    boolean swapDue();

    /** One attempt of the group's locked swap in the plan's direction. */
    void swap(List<MigrationRow> members, SwapPlan plan) throws SQLException;

    /**
     * The sources' health for a member the sink applies (looked at once a second; shown in its row);
     * the reason the request must fail, when nothing it could wait for would help.
     */
    Optional<String> sourcesProblem(MigrationRow member) throws SQLException;

    /** The members' copies' rows per second (smoothed over their chunks), for the task's metrics; 0 when none copies. */
    default long copyRowsPerSecond() {
        return 0;
    }

    /** Milliseconds the members' copies were held by their throttles, for the task's metrics. */
    default long copyThrottledMs() {
        return 0;
    }

    /** The swap attempts and the writers' last wait, for the task's metrics. */
    default SwapTally swapTally() {
        return new SwapTally();
    }

    /** Reads a member's swap attempts from the markers table into the tally (what earlier tasks made). */
    default void recountSwaps(String migrationId) throws SQLException {
    }

    @Override
    void close();
}
