package dev.twoway.sink;

import java.util.List;

import org.apache.kafka.common.TopicPartition;

/**
 * One projected row change, ready to write: an upsert of {@code columns} with {@code values},
 * or a delete by the key {@code columns} = {@code values}; with the route it was projected
 * along and the record it came from, for error handling and messages.
 */
public record RowChange(Kind kind, String schema, String table, List<String> columns, List<Object> values,
                        Route route, TopicPartition partition, long offset) {
    public enum Kind {
        UPSERT, DELETE
    }

    /** Whether {@code other} can share one multi-row statement with this change. */
    public boolean sameStatementAs(RowChange other) {
        return kind == other.kind && schema.equals(other.schema) && table.equals(other.table)
                && columns.equals(other.columns);
    }

    /** {@code topic-partition@offset} of the record. */
    public String origin() {
        return partition + "@" + offset;
    }
}
