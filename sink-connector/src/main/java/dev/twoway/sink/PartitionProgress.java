package dev.twoway.sink;

/**
 * A partition's row in {@code sink_progress}: the first offset not yet applied, the GTID of the
 * last applied record, and the route of the records from {@code nextOffset} on.
 */
public record PartitionProgress(long nextOffset, String gtid, Route route) {
}
