package dev.twoway.coordinator.reconcile;

import java.sql.SQLException;
import java.util.Objects;

import dev.twoway.core.jdbc.TransientSqlErrors;

/**
 * Decides how the reconciler retries a step that threw: after a delay that doubles from
 * {@code migration.step.backoff.ms} up to {@code migration.step.backoff.max.ms}, and, once
 * {@code migration.step.retries} attempts have failed without a step succeeding in between,
 * not at all (the migration then fails).
 *
 * <p>Only errors that say something about the migration count: an error of the server or the
 * network (lost connection, lock wait timeout, deadlock, too many connections: see
 * {@link TransientSqlErrors}) is retried with the same growing delay but uses up no attempt, so a
 * MySQL restart or a long transaction holding a lock never fails a migration that would go on
 * once it is over; the row says what it waits for meanwhile. Decides only: the caller sleeps,
 * writes and logs.
 */
public final class StepRetries {
    private final int attempts;
    private final long initialMs;
    private final long maxMs;
    private int failed;
    private int consecutive;
    private String lastError;
    private String failingStep;

    public StepRetries(int attempts, long initialMs, long maxMs) {
        this.attempts = attempts;
        this.initialMs = initialMs;
        this.maxMs = Math.max(initialMs, maxMs);
    }

    /** What to do after a failure: the attempt it used, the wait before the next, whether to give up. */
    public record Verdict(int attempt, int attempts, boolean transientError, long delayMs, boolean giveUp,
                          boolean newError) {
    }

    /** Counts a failure of {@code step} and decides what follows. */
    public Verdict failed(String step, Throwable error) {
        failingStep = step;
        boolean transientError = error instanceof SQLException e && TransientSqlErrors.isTransient(e);
        if (!transientError) {
            failed++;
        }
        consecutive++;
        String signature = signature(error);
        boolean newError = !Objects.equals(signature, lastError);
        lastError = signature;
        return new Verdict(failed, attempts, transientError, delay(consecutive), failed >= attempts, newError);
    }

    /**
     * {@code step} succeeded. When it is the one that failed, the next failure starts again from
     * the first attempt and true is returned. Another step succeeding in between (a sync tick
     * between two failing cut-overs, say) resets nothing: the failing step has not got through.
     */
    public boolean succeeded(String step) {
        if (failingStep == null || !failingStep.equals(step)) {
            return false;
        }
        failed = 0;
        consecutive = 0;
        lastError = null;
        failingStep = null;
        return true;
    }

    /** The wait after the {@code n}-th failure in a row: initial, doubled each time, capped. */
    long delay(int n) {
        long delay = initialMs;
        for (int i = 1; i < n && delay < maxMs; i++) {
            delay *= 2;
        }
        return Math.min(delay, maxMs);
    }

    /** Two failures are "the same error" when their class and message are. */
    private static String signature(Throwable error) {
        return error.getClass().getName() + ": " + error.getMessage();
    }
}
