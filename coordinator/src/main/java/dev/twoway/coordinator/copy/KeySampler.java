package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.state.CopyKeyRangeStore;

/**
 * Cuts a key of any shape into ranges of about as many rows each by walking its index once
 * before the copy: from the start, the key {@code step} rows on ({@code ORDER BY key LIMIT 1
 * OFFSET step - 1}, a keyset query that reads the index from the key before), again and again.
 * Whenever the ranges grow too many, every other bound is dropped and the step doubles, so the
 * walk needs no estimate of the rows: a small table ends with one to two times
 * {@link #RANGES_PER_CONNECTION} ranges per connection (more ranges than connections lets a
 * connection whose ranges held fewer rows take another, which range splitting does for an
 * integer key), a large one with ranges of about a chunk, up to {@link #MOST_RANGES}, each
 * then copied in one statement with no walk to find its chunks' ends ({@link SampledRange}).
 * The bounds are keys read from the table, compared again only by MySQL. Reads only.
 */
final class KeySampler {
    static final int RANGES_PER_CONNECTION = 4;
    /** Ranges of a chunk's rows or more are not cut finer than this many (each is a row of {@code copy_key_ranges}). */
    static final int MOST_RANGES = 256;

    /** The ranges of a sampled key, and about how many rows each holds. */
    record Plan(List<CopyKeyRangeStore.Range> ranges, long rowsPerRange) {
    }

    private KeySampler() {
    }

    /**
     * The ranges of the keys after {@code after} (null: all of them), numbered in key order; the
     * last ends at the largest key now (a row inserted above it later is the stream's to copy).
     * Empty when no key lies after {@code after}. The keys are read in the zone the chunks compare
     * them in ({@code serverZone}, else UTC).
     */
    static Plan sample(Connection c, ChunkSql chunks, boolean serverZone, List<Object> after, int threads,
                       int chunkRows) throws SQLException {
        return SessionZone.inZone(c, serverZone, () -> walk(c, chunks, after, threads, chunkRows));
    }

    private static Plan walk(Connection c, ChunkSql chunks, List<Object> after, int threads, int chunkRows)
            throws SQLException {
        int columns = chunks.key().size();
        int most = 2 * RANGES_PER_CONNECTION * Math.max(1, threads);
        int step = Math.max(1, chunkRows / 10); // a table of a few chunks is still cut into several ranges
        List<List<Object>> bounds = new ArrayList<>();
        List<Object> at = after;
        Optional<List<Object>> next;
        while ((next = SampledRange.key(c, chunks.chunkEnd(at, step), columns)).isPresent()) {
            bounds.add(next.get());
            at = next.get();
            // a step is doubled past a chunk only once the ranges are many: ranges of at most a chunk need no walk
            if (bounds.size() >= (2L * step <= chunkRows ? most : Math.max(most, MOST_RANGES))
                    && step < Integer.MAX_VALUE / 2) {
                bounds = everyOther(bounds);
                step *= 2;
            }
        }
        SampledRange.key(c, chunks.lastKey(at), columns).ifPresent(bounds::add);
        List<CopyKeyRangeStore.Range> ranges = new ArrayList<>();
        List<Object> from = after;
        for (List<Object> bound : bounds) {
            ranges.add(SampledRange.planned(ranges.size(), from, bound));
            from = bound;
        }
        return new Plan(ranges, step);
    }

    /** The 2nd, 4th, … bounds: those {@code 2 * step} rows apart. */
    static <T> List<T> everyOther(List<T> bounds) {
        List<T> kept = new ArrayList<>();
        for (int i = 1; i < bounds.size(); i += 2) {
            kept.add(bounds.get(i));
        }
        return kept;
    }
}
