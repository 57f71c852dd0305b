package dev.twoway.coordinator.cutover;

/**
 * The cut-over options, passed as one value to the classes that need them; {@code forceAfterMs}
 * 0 leaves a blocked cut-over to retry (the default), more kills its blockers once it has been
 * blocked that long ({@link LockBlockers}).
 */
public record CutoverSettings(long lockTimeoutMs, long catchupMs, int retries, long backoffMs, long forceAfterMs) {

    /** Without a forced cut-over. */
    public CutoverSettings(long lockTimeoutMs, long catchupMs, int retries, long backoffMs) {
        this(lockTimeoutMs, catchupMs, retries, backoffMs, 0);
    }

    /** Whether a blocked cut-over ever kills its blockers. */
    public boolean forces() {
        return forceAfterMs > 0;
    }

    /** lock_wait_timeout in whole seconds, rounded up: MySQL takes no fraction. */
    public long lockWaitTimeoutSeconds() {
        return Math.max(1, (lockTimeoutMs + 999) / 1000);
    }

    /** The wait before attempt {@code failures + 1}: backoff doubling after each failure. */
    public long backoffAfter(int failures) {
        if (failures <= 0) {
            return 0;
        }
        return backoffMs * (1L << Math.min(failures - 1, 20));
    }
}
