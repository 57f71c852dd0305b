package dev.twoway.coordinator.cutover;

import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;

/**
 * One swap attempt with a sentry table (gh-ost's atomic cut-over, invariant 4): a cut-over, or a
 * revert, which is the same protocol with the tables' roles swapped (the steps know which). Writers are
 * blocked from the lock request until the unlock, never longer than the lock timeout: every wait
 * under the lock shares one deadline. A failure before the unlock aborts the marker while the lock
 * is still held, so no change of the table can follow an undecided marker.
 */
public final class Cutover {
    private static final Logger LOG = LoggerFactory.getLogger(Cutover.class);

    private final CutoverSteps steps;
    private final String word;
    private final long lockTimeoutMs;
    private final long catchupMs;
    private final LongSupplier nanoTime;
    /** When the attempt asked for the lock; -1 before it did. */
    private long lockRequestedAt = -1;
    /** How long the writers were kept out; -1 until they are let in again. */
    private long writersBlockedNanos = -1;

    /**
     * What an attempt came to: swapped, or why not; {@code locked} tells whether writers were
     * blocked on the way (only such attempts count against the retries).
     */
    public record Result(boolean swapped, boolean locked, String reason) {
        static Result done() {
            return new Result(true, true, null);
        }

        static Result failed(String reason) {
            return new Result(false, true, reason);
        }

        static Result notCaughtUp(String reason) {
            return new Result(false, false, reason);
        }
    }

    public Cutover(CutoverSteps steps, long lockTimeoutMs, long catchupMs, LongSupplier nanoTime) {
        this(steps, "cut-over", lockTimeoutMs, catchupMs, nanoTime);
    }

    /** {@code word}: the swap in words for stages and reasons ("cut-over", "revert"). */
    public Cutover(CutoverSteps steps, String word, long lockTimeoutMs, long catchupMs, LongSupplier nanoTime) {
        this.steps = steps;
        this.word = word;
        this.lockTimeoutMs = lockTimeoutMs;
        this.catchupMs = catchupMs;
        this.nanoTime = nanoTime;
    }

    public Result attempt() {
        try (steps) {
            try {
                if (!steps.catchUp()) {
                    return Result.notCaughtUp("the sink did not reach a sync marker within " + catchupMs + " ms");
                }
            }
            catch (Exception e) {
                return Result.notCaughtUp("cannot prove the sink caught up: " + describe(e));
            }
            try {
                return locked();
            }
            finally {
                writersReleased(); // a path that threw before releasing: the attempt's end bounds it
            }
        }
    }

    /**
     * How long the attempt kept the table's writers waiting, measured by the lock: from the lock
     * request until the RENAME has run (a swap) or the lock is given up (an abort). Writers queued
     * behind the lock wait no longer than that. Empty when the attempt never asked for the lock.
     */
    public OptionalLong writersBlockedMs() {
        return writersBlockedNanos < 0 ? OptionalLong.empty() : OptionalLong.of(writersBlockedNanos / 1_000_000L);
    }

    /** The writers queued behind the lock go on from now: the first call of an attempt counts. */
    private void writersReleased() {
        if (lockRequestedAt >= 0 && writersBlockedNanos < 0) {
            writersBlockedNanos = nanoTime.getAsLong() - lockRequestedAt;
        }
    }

    private Result locked() {
        lockRequestedAt = nanoTime.getAsLong();
        long deadline = lockRequestedAt + lockTimeoutMs * 1_000_000L;
        Long markerId = null;
        try {
            steps.stage(word + ": locking the table");
            steps.lock();
            markerId = steps.insertMarker();
            String gtid = steps.gtidExecuted();
            steps.stage(word + ": lock held, waiting for the sink to reach marker " + markerId);
            Optional<MarkerRow> reached = steps.awaitReached(markerId, deadline);
            if (reached.isEmpty()) {
                return abort(markerId, "the sink did not reach " + word + " marker " + markerId + " within the lock "
                        + "timeout of " + lockTimeoutMs + " ms");
            }
            Optional<String> refusal = steps.refusal();
            if (refusal.isPresent()) {
                return abort(markerId, refusal.get());
            }
            steps.recordFreezePoint(gtid, reached.get());
            steps.stage(word + ": lock held, sink caught up, renaming");
            steps.startRename();
            if (!steps.awaitRenameWaiting(deadline)) {
                return abort(markerId, "the RENAME did not queue behind the lock within the lock timeout of "
                        + lockTimeoutMs + " ms");
            }
        }
        catch (Exception e) {
            return abort(markerId, word + " failed under the lock: " + describe(e));
        }
        return swap(markerId);
    }

    /** 6: the sentry goes, the lock goes, B's rename runs first; the tables decide the outcome. */
    private Result swap(long markerId) {
        try {
            steps.dropSentryAndUnlock();
        }
        catch (Exception e) {
            LOG.warn("{}: dropping the sentry and unlocking failed ({}); the tables will tell", word, describe(e));
            quietly(steps::cancelRename);
            quietly(steps::unlock);
            quietly(steps::dropSentry);
        }
        try {
            boolean swapped = steps.awaitSwapped();
            writersReleased(); // the RENAME went first at the unlock; the writers queued behind it follow
            if (swapped) {
                steps.settle(markerId, MarkerOutcome.DONE);
                steps.finish();
                return Result.done();
            }
            steps.settle(markerId, MarkerOutcome.ABORTED);
            quietly(steps::restoreFreezePoint);
            quietly(steps::dropSentry);
            return Result.failed("the RENAME did not swap the tables");
        }
        catch (Exception e) {
            return Result.failed("cannot settle " + word + " marker " + markerId + " (" + describe(e)
                    + "); it is settled from the tables on the next tick");
        }
    }

    /** Marker aborted while the lock is held, then B stopped, the lock released, the sentry dropped. */
    private Result abort(Long markerId, String reason) {
        LOG.warn("{} aborted: {}", word, reason);
        if (markerId != null) {
            quietly(() -> steps.settle(markerId, MarkerOutcome.ABORTED));
        }
        quietly(steps::cancelRename);
        quietly(steps::unlock);
        writersReleased();
        quietly(steps::dropSentry);
        quietly(steps::restoreFreezePoint);
        return Result.failed(reason);
    }

    private interface Action {
        void run() throws Exception;
    }

    private static void quietly(Action action) {
        try {
            action.run();
        }
        catch (Exception e) {
            LOG.warn("swap clean-up step failed: {}", describe(e));
        }
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
