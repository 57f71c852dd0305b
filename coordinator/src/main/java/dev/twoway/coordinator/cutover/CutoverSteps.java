package dev.twoway.coordinator.cutover;

import java.util.Optional;

import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;

/**
 * The cut-over's individual actions, in the order {@link Cutover} calls them (docs/ARCHITECTURE.md,
 * "cut-over" 1-6). A revert is the same actions with the roles of the tables swapped (a
 * {@link SwapPlan}). A seam: tests replace it to prove the ordering without MySQL.
 */
public interface CutoverSteps extends AutoCloseable {
    /** 1. A fresh sync marker reached within the catch-up time. */
    boolean catchUp() throws Exception;

    /** 2. Connection A: sentry created (under the parking name), {@code LOCK TABLES t WRITE, sentry WRITE}. */
    void lock() throws Exception;

    /** 3. The swap's marker ({@code cutover} or {@code revert}, pending) inserted on another connection; its id. */
    long insertMarker() throws Exception;

    /** 3. {@code @@GLOBAL.gtid_executed}, read right after the marker insert. */
    String gtidExecuted() throws Exception;

    /** 4. The marker once the sink reached it, empty at the deadline (System.nanoTime). */
    Optional<MarkerRow> awaitReached(long markerId, long deadlineNanos) throws Exception;

    /**
     * 4. Why the swap must not go ahead now that the sink has applied everything before the marker,
     * if it must not: a revert whose inverse stream stopped on the way (the sink flags it before
     * it reaches the marker). Empty for a cut-over.
     */
    Optional<String> refusal() throws Exception;

    /** Stores the freeze point in the row before the swap, so a restart still finds it. */
    void recordFreezePoint(String gtid, MarkerRow marker) throws Exception;

    /** After an abort: the freeze point the row had before this attempt (none before the first cut-over). */
    void restoreFreezePoint() throws Exception;

    /** 5. Connection B, on its own thread: {@code RENAME TABLE t TO parking, incoming TO t}; blocks on A's lock. */
    void startRename() throws Exception;

    /** 5. Whether B shows as waiting for the metadata lock before the deadline. */
    boolean awaitRenameWaiting(long deadlineNanos) throws Exception;

    /** 6. A: {@code DROP TABLE sentry; UNLOCK TABLES}: B's rename goes first. */
    void dropSentryAndUnlock() throws Exception;

    /** After 6: waits for B, then whether the tables say they were swapped. */
    boolean awaitSwapped() throws Exception;

    void settle(long markerId, MarkerOutcome outcome) throws Exception;

    /** The swap's state change (to complete or reverted) with its time; the freeze point is recorded already. */
    void finish() throws Exception;

    /** Where the cut-over is, in words, in the state row. */
    void stage(String stage) throws Exception;

    /** Abort: stops B's rename if it runs (the sentry stops it anyway). */
    void cancelRename() throws Exception;

    /** Abort: A's {@code UNLOCK TABLES}. */
    void unlock() throws Exception;

    /** Abort: drops the sentry, if it is one. */
    void dropSentry() throws Exception;

    @Override
    void close();
}
