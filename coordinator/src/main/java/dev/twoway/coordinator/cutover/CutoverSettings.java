package dev.twoway.coordinator.cutover;

/** The cut-over options, passed as one value to the classes that need them. */
public record CutoverSettings(long lockTimeoutMs, long catchupMs, int retries, long backoffMs) {

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
