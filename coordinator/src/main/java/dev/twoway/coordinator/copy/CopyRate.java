package dev.twoway.coordinator.copy;

/** Rows per second of the copy (smoothed over chunks), the time left, and the stage in words. */
public final class CopyRate {
    private static final double WEIGHT = 0.3;

    /** Volatile: the task's metrics read it from another thread than the copy's. */
    private volatile double rowsPerSecond;

    public void observe(long rows, long nanos) {
        if (nanos <= 0 || rows <= 0) {
            return;
        }
        double rate = rows * 1e9 / nanos;
        rowsPerSecond = rowsPerSecond == 0 ? rate : WEIGHT * rate + (1 - WEIGHT) * rowsPerSecond;
    }

    public long rowsPerSecond() {
        return Math.round(rowsPerSecond);
    }

    /** Seconds until {@code total} rows are copied, null while the rate is unknown. */
    public Long etaSeconds(long copied, long total) {
        if (rowsPerSecond <= 0) {
            return null;
        }
        return (long) Math.ceil(Math.max(0, total - copied) / rowsPerSecond);
    }

    /** E.g. {@code copying 42,000 of 100,000 rows (12,000 rows/s, ETA 5 s)}. */
    public String stage(long copied, long total) {
        Long eta = etaSeconds(copied, total);
        String speed = eta == null ? "" : String.format(" (%,d rows/s, ETA %,d s)", rowsPerSecond(), eta);
        return String.format("copying %,d of %,d rows", copied, total) + speed;
    }
}
