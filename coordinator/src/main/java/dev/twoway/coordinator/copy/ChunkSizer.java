package dev.twoway.coordinator.copy;

/**
 * Sizes copy chunks toward a target duration (half a second): long enough that per-chunk cost
 * is small, short enough that share locks and transactions stay brief. Bounded to a tenth and
 * four times the configured size; changes by at most a factor of two per chunk.
 */
public final class ChunkSizer {
    public static final long TARGET_NANOS = 500_000_000L;

    private final int min;
    private final int max;
    private int size;

    public ChunkSizer(int configured) {
        this.min = Math.max(1, configured / 10);
        this.max = Math.max(configured, configured * 4);
        this.size = configured;
    }

    private ChunkSizer(ChunkSizer other) {
        this.min = other.min;
        this.max = other.max;
        this.size = other.size;
    }

    /** A sizer that goes on from this one's size. */
    public ChunkSizer copy() {
        return new ChunkSizer(this);
    }

    public int size() {
        return size;
    }

    /** Learns from a chunk of {@code rows} rows that took {@code nanos}. */
    public void observe(long rows, long nanos) {
        if (rows < size / 2 || nanos <= 0) {
            return; // a short chunk (the last one, a sparse key range) says little about speed
        }
        double factor = (double) TARGET_NANOS / nanos;
        factor = Math.max(0.5, Math.min(2.0, factor));
        size = (int) Math.max(min, Math.min(max, Math.round(rows * factor)));
    }
}
