package dev.twoway.coordinator.cutover;

import java.util.List;
import java.util.Optional;

import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;

/**
 * A swap's individual actions for a group (a single migration is a group of one), in the order
 * {@link Cutover} calls them (docs/ARCHITECTURE.md, "cut-over" 1-6). A revert is the same actions
 * with the roles of the tables swapped (a {@link SwapPlan}). A seam: tests replace it to prove the
 * ordering without MySQL.
 */
public interface CutoverSteps extends AutoCloseable {
    /** 1. A fresh sync marker of every member the sink applies, reached within the catch-up time. */
    boolean catchUp() throws Exception;

    /**
     * 2, a forced attempt only, before the lock: kills the sessions holding or waiting for a
     * metadata lock on the live tables and waits (until the deadline, System.nanoTime) for their
     * locks to go; each killed one in words.
     */
    List<String> killBlockers(long deadlineNanos) throws Exception;

    /**
     * 2, before the lock request: the swap's connections opened and readied, and a sentry under each
     * live table's parking name; nothing here blocks a writer, so none of it counts as the lock's.
     */
    void prepare() throws Exception;

    /** 2. Connection A: one {@code LOCK TABLES} over every live table and its sentry. */
    void lock() throws Exception;

    /**
     * 3. The swap's marker ({@code cutover} or {@code revert}, pending) of every member the sink
     * applies, inserted in one transaction on another connection; their ids.
     */
    List<Long> insertMarkers() throws Exception;

    /** 3. {@code @@GLOBAL.gtid_executed}, read right after the markers' insert: the group's one freeze point. */
    String gtidExecuted() throws Exception;

    /** 4. The markers the sink has reached by the deadline (System.nanoTime): all of them, or fewer. */
    List<MarkerRow> awaitReached(List<Long> markerIds, long deadlineNanos) throws Exception;

    /**
     * 4. Why the swap must not go ahead now that the sink has applied everything before the markers,
     * if it must not: a revert some member's inverse stream stopped on the way to (the sink records it
     * before it reaches the marker). Empty for a cut-over.
     */
    Optional<String> refusal() throws Exception;

    /** Stores every member's freeze point in its row before the swap, so a restart still finds it. */
    void recordFreezePoint(String gtid, List<MarkerRow> markers) throws Exception;

    /** After an abort: the freeze points the rows had before this attempt (none before the first cut-over). */
    void restoreFreezePoint() throws Exception;

    /** 5. Connection B, on its own thread: the group's one {@code RENAME TABLE}; it blocks on A's lock. */
    void startRename() throws Exception;

    /** 5. Whether B shows as waiting for the lock before the deadline (and, in a group, each table's holder is queued). */
    boolean awaitRenameWaiting(long deadlineNanos) throws Exception;

    /**
     * 6. A drops the sentries and unlocks, and each live table is handed to the RENAME as it asks for
     * it: B's rename goes before any writer. True once every sentry is gone; false when a table
     * could not be handed over by the deadline (a sentry stands, so the RENAME cannot happen).
     */
    boolean releaseLocks(long deadlineNanos) throws Exception;

    /** After 6: waits for B, then whether the tables say they were swapped. */
    boolean awaitSwapped() throws Exception;

    void settle(List<Long> markerIds, MarkerOutcome outcome) throws Exception;

    /** Every member's state change (to complete or reverted) in one transaction with one time; the freeze points are recorded already. */
    void finish() throws Exception;

    /** Where the swap is, in words, in every member's state row. */
    void stage(String stage) throws Exception;

    /** Abort: stops B's rename if it runs (a sentry stops it anyway). */
    void cancelRename() throws Exception;

    /** Abort: every lock released (A's, and the holders' of a group). */
    void unlock() throws Exception;

    /** Abort: drops the sentries, those that are sentries. */
    void dropSentry() throws Exception;

    @Override
    void close();
}
