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

    /** A swap succeeded: the next swap (a revert, a re-apply) starts with every attempt. */
    public void reset() {
        failures = 0;
        nextAt = 0;
    }

    /** Counts a failure; returns the wait before the next attempt (0 when none is left). */
    public long failed() {
        failures++;
        if (exhausted()) {
            return 0;
        }
        long backoff = settings.backoffAfter(failures);
        nextAt = millis.getAsLong() + backoff;
        return backoff;
    }
}
