package dev.twoway.coordinator.cutover;

import java.util.function.LongSupplier;

/**
 * Counts failed swap attempts (cut-over, revert, re-apply) and spaces them with a doubling backoff. Kept in memory on
 * purpose: after {@code retries} failures the migration stays ready, and restarting the task is
 * how an operator asks for new attempts.
 */
public final class CutoverAttempts {
    private final CutoverSettings settings;
    private final LongSupplier millis;
    private int failures;
    private long nextAt;
    /** When the attempt under way began; -1 before the first. */
    private long beganAt = -1;
    /** When the first failed attempt of this swap began: how long the swap has been blocked; -1 without one. */
    private long blockedSince = -1;

    public CutoverAttempts(CutoverSettings settings, LongSupplier millis) {
        this.settings = settings;
        this.millis = millis;
    }

    /** An attempt may start now: attempts are left and the backoff has passed. */
    public boolean due() {
        return !exhausted() && millis.getAsLong() >= nextAt;
    }

    public boolean exhausted() {
        return failures >= settings.retries();
    }

    public int failures() {
        return failures;
    }

    /** An attempt begins now (a failed one's start is when its swap began to be blocked). */
    public void began() {
        beganAt = millis.getAsLong();
    }

    /**
     * Whether the attempt about to begin kills the swap's blockers first: forcing is on and the
     * swap has been blocked at least that long, since its first failed attempt began. A first
     * attempt never is: nothing has blocked it yet.
     */
    public boolean forceDue() {
        return settings.forces() && blockedSince >= 0 && millis.getAsLong() - blockedSince >= settings.forceAfterMs();
    }

    /** How long the swap has been blocked, since its first failed attempt began; 0 when none failed. */
    public long blockedMs() {
        return blockedSince < 0 ? 0 : millis.getAsLong() - blockedSince;
    }

    /** A swap succeeded: the next swap (a revert, a re-apply) starts with every attempt. */
    public void reset() {
        failures = 0;
        nextAt = 0;
        blockedSince = -1;
    }

    /** Counts a failure; returns the wait before the next attempt (0 when none is left). */
    public long failed() {
        if (blockedSince < 0) {
            blockedSince = beganAt >= 0 ? beganAt : millis.getAsLong();
        }
        failures++;
        if (exhausted()) {
            return 0;
        }
        long backoff = settings.backoffAfter(failures);
        nextAt = millis.getAsLong() + backoff;
        return backoff;
    }
}
