package dev.twoway.sink;

import java.util.List;

/**
 * One projected row change, ready to write: an upsert of {@code columns} with {@code values},
 * or a delete by the key {@code columns} = {@code values}. {@code origin} names the record
 * ({@code topic-partition@offset}) for error messages.
 */
public record RowChange(Kind kind, String schema, String table, List<String> columns, List<Object> values,
                        String origin) {
    public enum Kind {
        UPSERT, DELETE
    }

    /** Whether {@code other} can share one multi-row statement with this change. */
    public boolean sameStatementAs(RowChange other) {
        return kind == other.kind && schema.equals(other.schema) && table.equals(other.table)
                && columns.equals(other.columns);
    }
}
