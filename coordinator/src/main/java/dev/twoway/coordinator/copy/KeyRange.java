package dev.twoway.coordinator.copy;

import java.util.Optional;

import dev.twoway.core.state.CopyRangeStore;

/**
 * One range {@code (after, end]} of a single signed integer key, copied through {@code last} in
 * chunks planned by arithmetic: {@code (last, last + width]}, with the width learnt from how
 * many rows the previous chunk held. Finding a chunk's end by row count means walking the
 * clustered index over every row of the chunk once more before copying it; on an
 * {@code auto_increment} key that walk was a tenth of the copy. A range that is far from done
 * can give its upper half to a new range, so a connection whose range finished early takes
 * over half of the largest one left, even while a chunk of it is being copied: the split is
 * above that chunk. Only plans; the caller synchronizes.
 */
final class KeyRange {
    private static final double MAX_GROWTH = 4.0;

    private final int number;
    private final long after;
    private final ChunkSizer sizer;
    private long end;
    private long last;
    private long claimed;
    private long rows;
    private double rowsPerKey = 1.0;

    KeyRange(int number, long after, long end, long last, long rows, ChunkSizer sizer) {
        this.number = number;
        this.after = after;
        this.end = end;
        this.last = last;
        this.claimed = last;
        this.rows = rows;
        this.sizer = sizer;
    }

    static KeyRange of(CopyRangeStore.Range stored, int chunkRows) {
        return new KeyRange(stored.number(), stored.after(), stored.end(), stored.last(), stored.rowsCopied(),
                new ChunkSizer(chunkRows));
    }

    CopyRangeStore.Range stored() {
        return new CopyRangeStore.Range(number, after, end, last, rows);
    }

    int number() {
        return number;
    }

    long after() {
        return after;
    }

    long end() {
        return end;
    }

    long last() {
        return last;
    }

    long rows() {
        return rows;
    }

    boolean done() {
        return last >= end;
    }

    /** The end of the next chunk: about as many keys as the sizer's rows at the density seen so far. */
    long nextChunkEnd() {
        return last + Math.min(width(), end - last);
    }

    /** Takes the next chunk {@code (last, end]} for copying; returns its end. */
    long claim() {
        claimed = nextChunkEnd();
        return claimed;
    }

    /** The end of the chunk last claimed. */
    long claimed() {
        return claimed;
    }

    /** Learns from the chunk {@code (last, through]} that held {@code inserted} rows and took {@code nanos}. */
    void copied(long through, long inserted, long nanos) {
        long width = through - last;
        if (width > 0) {
            double seen = Math.max(inserted, 1) / (double) width;
            rowsPerKey = Math.max(rowsPerKey / MAX_GROWTH, seen);
        }
        sizer.observe(inserted, nanos);
        last = through;
        claimed = Math.max(claimed, through);
        rows += inserted;
    }

    /**
     * Gives the upper half of what is left to a new range numbered {@code number}, which starts
     * with this range's density and chunk size; empty when less than two chunks are left.
     */
    Optional<KeyRange> split(int number) {
        long from = Math.max(last, claimed);
        long left = end - from;
        if (left < 2 * width()) {
            return Optional.empty();
        }
        long middle = from + left / 2;
        KeyRange upper = new KeyRange(number, middle, end, middle, 0, sizer.copy());
        upper.rowsPerKey = rowsPerKey;
        end = middle;
        return Optional.of(upper);
    }

    /** Keys left to copy and not claimed. */
    long keysLeft() {
        return end - Math.max(last, claimed);
    }

    private long width() {
        return Math.max(1, Math.round(sizer.size() / rowsPerKey));
    }
}
