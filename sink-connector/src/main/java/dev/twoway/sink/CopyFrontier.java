package dev.twoway.sink;

import java.util.List;

import dev.twoway.core.state.CopyRangeStore;

/**
 * Where the coordinator's copy of a table stands, read once per batch: an upsert of a row the
 * copy has not reached yet need not be written forward, as Vitess's VReplication skips it,
 * because the copy will read that row after the change. Why it is safe: the change committed
 * before the batch was delivered, and so before the ranges were read (read committed). The
 * copy reads a row under a share lock held until its chunk commits, so a change of a row a
 * chunk read commits after that chunk, and the range's {@code last_key} has passed the row by
 * then. A key above its range's {@code last_key} when read is therefore read by a chunk that
 * commits later and sees the change; the copy overwrites what the shadow holds for it (an
 * older version, written before the copy began). Deletes are always applied: the copy cannot
 * remove a row the sink wrote earlier. A key in no range (inserted beyond the copy's end, or no
 * copy in ranges under way) is always written. Skipping saves the sink's writes ahead of the
 * copy, and a chunk's lock waits on rows the sink holds.
 */
final class CopyFrontier {
    static final CopyFrontier NONE = new CopyFrontier(List.of());

    private final List<CopyRangeStore.Range> ranges;

    CopyFrontier(List<CopyRangeStore.Range> ranges) {
        this.ranges = List.copyOf(ranges);
    }

    /** Whether the copy has yet to read the row with this key value (an integer; anything else: false). */
    boolean ahead(Object key) {
        if (ranges.isEmpty() || !(key instanceof Long || key instanceof Integer || key instanceof Short
                || key instanceof Byte)) {
            return false;
        }
        long k = ((Number) key).longValue();
        for (CopyRangeStore.Range range : ranges) {
            if (k > range.after() && k <= range.end()) {
                return k > range.last();
            }
        }
        return false;
    }
}
