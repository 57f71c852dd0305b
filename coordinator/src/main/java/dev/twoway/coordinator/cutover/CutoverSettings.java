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

    /**
     * How long the sink may take to reach a fresh sync marker before a swap locks: the catch-up
     * option, but never more than half the lock timeout. Once locked, the swap waits for the sink
     * to reach its own marker, and that wait is about as long as the catch-up just took: a sink
     * that needed most of the lock's budget to catch up fails the attempt after blocking the
     * writers for all of it (the write-rate bench saw catch-ups of 2.7 s against a 3 s lock, and a
     * first attempt failing at every rate). Waiting for a faster catch-up locks nothing.
     */
    public long swapCatchupMs() {
        return Math.min(catchupMs, Math.max(1, lockTimeoutMs / 2));
    }

    /** The wait before attempt {@code failures + 1}: backoff doubling after each failure. */
    public long backoffAfter(int failures) {
        if (failures <= 0) {
            return 0;
        }
        return backoffMs * (1L << Math.min(failures - 1, 20));
    }
}
