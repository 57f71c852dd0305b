package dev.twoway.coordinator.cutover;

import dev.twoway.core.state.MarkerRow;

/** A swap's freeze point in words, for the log and the audit record (the row keeps only the latest). */
public final class FreezePoint {
    private FreezePoint() {
    }

    /** {@code marker}: the swap marker as the sink reached it; {@code gtid}: the GTID set read under the lock. */
    public static String describe(String word, MarkerRow marker, String gtid) {
        if (marker == null) {
            return gtid == null ? word + " freeze point unknown (settled from the tables after a restart)"
                    : word + " freeze point: GTID set " + gtid + " (no stream: the table has one schema only)";
        }
        return word + " freeze point: marker " + marker.markerId() + " at " + marker.reachedTopic() + "-"
                + marker.reachedPartition() + "@" + marker.reachedOffset() + ", GTID set "
                + (gtid == null ? "unknown" : gtid);
    }
}
