package dev.twoway.coordinator.cutover;

import java.util.OptionalLong;

/**
 * The swap attempts of a migration that got the lock, by kind (a cut-over or a re-apply inserts a
 * {@code cutover} marker, a revert a {@code revert} one), and how long the last attempt kept the
 * writers out. Written by the reconciler's thread, read by the task's metrics from any other.
 * The counts are the markers table's, read again after every attempt: every change of
 * {@code migration.target} restarts the task, so a count kept in memory would start from 0 at
 * every revert. The writers' wait is the last attempt's as this task measured it (no table has it).
 */
public final class SwapTally {
    private volatile long cutovers;
    private volatile long reverts;
    private volatile long lastWritersBlockedMs = -1;

    /** The attempts as the markers table counts them. */
    public void counted(long cutoverMarkers, long revertMarkers) {
        cutovers = cutoverMarkers;
        reverts = revertMarkers;
    }

    /** An attempt ended; {@code writersBlockedMs}: empty when it locked nothing (the last wait measured stays). */
    public void attempted(OptionalLong writersBlockedMs) {
        writersBlockedMs.ifPresent(ms -> lastWritersBlockedMs = ms);
    }

    /** Cut-over and re-apply attempts that got the lock. */
    public long cutovers() {
        return cutovers;
    }

    /** Revert attempts that got the lock. */
    public long reverts() {
        return reverts;
    }

    /** How long the last attempt that locked the table kept its writers waiting; empty before one (in this task). */
    public OptionalLong lastWritersBlockedMs() {
        long last = lastWritersBlockedMs;
        return last < 0 ? OptionalLong.empty() : OptionalLong.of(last);
    }
}
