package dev.twoway.coordinator.audit;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import dev.twoway.core.state.AuditRow;

/**
 * The audit topic's records and their source offsets. The offset of a record is the {@code seq}
 * of its outbox row, so Connect's offset store remembers the last row produced.
 */
public final class AuditRecords {
    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("dev.twoway.coordinator.Transition")
            .field("migration_id", Schema.STRING_SCHEMA)
            .field("from_state", Schema.OPTIONAL_STRING_SCHEMA)
            .field("to_state", Schema.STRING_SCHEMA)
            .field("stage", Schema.OPTIONAL_STRING_SCHEMA)
            .field("message", Schema.OPTIONAL_STRING_SCHEMA)
            .field("at", Schema.INT64_SCHEMA)
            .field("seq", Schema.INT64_SCHEMA)
            .build();
    /**
     * Marks an offset whose {@code seq} is an outbox row's. Before the outbox, {@code seq} counted
     * the records a task had queued in memory: a number unrelated to the rows, and skipping rows by
     * it would lose them.
     */
    static final String OFFSET_KIND = "kind";
    static final String OUTBOX = "outbox";

    private AuditRecords() {
    }

    public static Map<String, String> sourcePartition(String migrationId) {
        return Map.of("migration", migrationId);
    }

    public static SourceRecord record(String topic, AuditRow row) {
        return record(topic, row, row.migrationId());
    }

    /**
     * The record of a deploy request's row: keyed by the member's migration id, its offset kept under
     * the request's partition (the task publishes the request's rows in one {@code seq} order).
     */
    public static SourceRecord record(String topic, AuditRow row, String requestId) {
        Struct value = new Struct(VALUE_SCHEMA)
                .put("migration_id", row.migrationId())
                .put("from_state", row.from())
                .put("to_state", row.to())
                .put("stage", row.stage())
                .put("message", row.message())
                .put("at", row.at().toEpochMilli())
                .put("seq", row.seq());
        return new SourceRecord(sourcePartition(requestId), Map.of("seq", row.seq(), OFFSET_KIND, OUTBOX),
                topic, null, Schema.STRING_SCHEMA, row.migrationId(), VALUE_SCHEMA, value);
    }

    /**
     * The {@code seq} of the last row produced, from the stored offset: 0 (publish every row of the
     * migration) without one, or with one an older twoway stored. Every outbox row of such a
     * migration was written after the upgrade, so none of them was published yet.
     */
    public static long lastPublished(Map<String, Object> offset) {
        if (offset == null || !OUTBOX.equals(offset.get(OFFSET_KIND)) || !(offset.get("seq") instanceof Number seq)) {
            return 0;
        }
        return seq.longValue();
    }
}
