package dev.twoway.sink;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

/**
 * One projected row change, ready to write: an upsert of {@code columns} with {@code values},
 * or a delete by the key {@code columns} = {@code values}; with the target it was projected
 * onto (its route, key, staging) and the record it came from, for error handling and messages.
 */
public record RowChange(Kind kind, Target target, List<String> columns, List<Object> values, TopicPartition partition,
                        long offset) {
    public enum Kind {
        UPSERT, DELETE,
        /** The row's key changed: {@code values} are the old key's, then the new key's, over the key {@code columns}. */
        MOVE
    }

    public String schema() {
        return target.schema();
    }

    public String table() {
        return target.table();
    }

    public Route route() {
        return target.route();
    }

    /** Whether {@code other} can share one multi-row statement with this change (a move is written alone). */
    public boolean sameStatementAs(RowChange other) {
        return kind != Kind.MOVE && kind == other.kind && target.equals(other.target) && columns.equals(other.columns);
    }

    /** {@code topic-partition@offset} of the record. */
    public String origin() {
        return partition + "@" + offset;
    }
}
