package dev.twoway.coordinator.cutover;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;

/**
 * One swap attempt of a group (a single migration is a group of one) with sentry tables (gh-ost's
 * atomic cut-over, invariant 4): a cut-over, or a revert, which is the same protocol with the
 * tables' roles swapped (the steps know which). Writers are blocked from the lock request until
 * the RENAME, never longer than the lock timeout: every wait under the lock shares one deadline,
 * the group's. A failure before the last sentry is dropped aborts the markers while the tables
 * are still held, so no change of a table can follow an undecided marker.
 */
public final class Cutover {
    private static final Logger LOG = LoggerFactory.getLogger(Cutover.class);

    private final CutoverSteps steps;
    private final String word;
    private final long lockTimeoutMs;
    private final long catchupMs;
    private final boolean force;
    private final LongSupplier nanoTime;
    /** What a forced attempt did before the lock, in words; null when not forced. */
    private String forced;
    private final Map<String, Long> phases = new LinkedHashMap<>();
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
        this(steps, word, lockTimeoutMs, catchupMs, false, nanoTime);
    }

    /** {@code force}: this attempt kills the tables' blockers before it locks ({@link CutoverSteps#killBlockers}). */
    public Cutover(CutoverSteps steps, String word, long lockTimeoutMs, long catchupMs, boolean force,
                   LongSupplier nanoTime) {
        this.steps = steps;
        this.word = word;
        this.lockTimeoutMs = lockTimeoutMs;
        this.catchupMs = catchupMs;
        this.force = force;
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
            if (force) {
                forced = forceOut();
            }
            try {
                Result result = locked();
                return forced == null || result.swapped() ? result
                        : Result.failed(forced + "; then: " + result.reason());
            }
            finally {
                writersReleased(); // a path that threw before releasing: the attempt's end bounds it
            }
        }
    }

    /**
     * Kills the sessions holding the tables, before the lock is asked for: the writers are not
     * blocked by the swap while a killed transaction rolls back (its wait is bounded by the lock
     * timeout). A kill that fails leaves the lock to fail as it would have, with the reason.
     */
    private String forceOut() {
        try {
            steps.stage(word + ": forced, killing the sessions holding the table");
            List<String> killed = steps.killBlockers(nanoTime.getAsLong() + lockTimeoutMs * 1_000_000L);
            return killed.isEmpty() ? word + " forced: no session held the table"
                    : word + " forced: killed " + String.join("; ", killed);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return word + " forced, but interrupted while killing the sessions holding the table";
        }
        catch (Exception e) {
            return word + " forced, but the sessions holding the table could not be killed: " + describe(e);
        }
    }

    /** What a forced attempt did before its lock ("cut-over forced: killed connection 12 (…)"); empty when not forced. */
    public Optional<String> forced() {
        return Optional.ofNullable(forced);
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
        List<Long> markerIds = List.of();
        try {
            steps.stage(word + ": locking the table");
            steps.prepare();
        }
        catch (Exception e) {
            return abort(markerIds, word + " failed before the lock: " + describe(e));
        }
        // From here the writers wait: the lock timeout's deadline, and the stall, start at the request.
        lockRequestedAt = nanoTime.getAsLong();
        long deadline = lockRequestedAt + lockTimeoutMs * 1_000_000L;
        try {
            steps.lock();
            mark("locked");
            markerIds = steps.insertMarkers();
            String gtid = steps.gtidExecuted();
            steps.stage(word + ": lock held, waiting for the sink to reach " + markers(markerIds));
            List<MarkerRow> reached = steps.awaitReached(markerIds, deadline);
            mark("the sink reached the markers");
            if (reached.size() < markerIds.size()) {
                return abort(markerIds, "the sink did not reach " + word + " " + unreached(markerIds, reached)
                        + " within the lock timeout of " + lockTimeoutMs + " ms");
            }
            Optional<String> refusal = steps.refusal();
            if (refusal.isPresent()) {
                return abort(markerIds, refusal.get());
            }
            steps.recordFreezePoint(gtid, reached);
            steps.stage(word + ": lock held, sink caught up, renaming");
            steps.startRename();
            if (!steps.awaitRenameWaiting(deadline)) {
                return abort(markerIds, "the RENAME did not queue behind the lock within the lock timeout of "
                        + lockTimeoutMs + " ms");
            }
            mark("the RENAME queued");
        }
        catch (Exception e) {
            return abort(markerIds, word + " failed under the lock: " + describe(e));
        }
        return swap(markerIds, deadline);
    }

    /** 6: the sentries go, the locks go, B's rename runs first on every table; the tables decide the outcome. */
    private Result swap(List<Long> markerIds, long deadline) {
        try {
            if (!steps.releaseLocks(deadline)) {
                return abort(markerIds, "the RENAME did not take every table from the lock within the lock timeout "
                        + "of " + lockTimeoutMs + " ms");
            }
            mark("the locks handed to it");
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
                mark("renamed");
                LOG.info("{}: swapped; {}", word, timeline());
                steps.settle(markerIds, MarkerOutcome.DONE);
                steps.finish();
                return Result.done();
            }
            steps.settle(markerIds, MarkerOutcome.ABORTED);
            quietly(steps::restoreFreezePoint);
            quietly(steps::dropSentry);
            return Result.failed("the RENAME did not swap the tables");
        }
        catch (Exception e) {
            return Result.failed("cannot settle " + word + " " + markers(markerIds) + " (" + describe(e)
                    + "); it is settled from the tables on the next tick");
        }
    }

    /** Markers aborted while the lock is held, then B stopped, the locks released, the sentries dropped. */
    private Result abort(List<Long> markerIds, String reason) {
        LOG.warn("{} aborted: {}", word, reason);
        if (!markerIds.isEmpty()) {
            quietly(() -> steps.settle(markerIds, MarkerOutcome.ABORTED));
        }
        quietly(steps::cancelRename);
        quietly(steps::unlock);
        writersReleased();
        quietly(steps::dropSentry);
        quietly(steps::restoreFreezePoint);
        return Result.failed(reason);
    }

    /** Notes when a phase under the lock ended, from the lock request on: where a swap's stall goes. */
    private void mark(String phase) {
        phases.put(phase, (nanoTime.getAsLong() - lockRequestedAt) / 1_000_000L);
    }

    /** "locked after 12 ms, the sink reached the markers after 140 ms, …". */
    private String timeline() {
        return String.join(", ", phases.entrySet().stream().map(e -> e.getKey() + " after " + e.getValue() + " ms")
                .toList()) + " (from the lock request)";
    }

    /** "marker 17", "markers 17, 18". */
    private static String markers(List<Long> ids) {
        if (ids.isEmpty()) {
            return "no marker (no member has a stream)";
        }
        return (ids.size() == 1 ? "marker " : "markers ")
                + String.join(", ", ids.stream().map(String::valueOf).toList());
    }

    private static String unreached(List<Long> ids, List<MarkerRow> reached) {
        List<Long> missing = ids.stream().filter(id -> reached.stream().noneMatch(m -> m.markerId() == id)).toList();
        return markers(missing) + (ids.size() > 1 ? " (of " + String.join(", ", ids.stream().map(String::valueOf)
                .toList()) + ")" : "");
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
