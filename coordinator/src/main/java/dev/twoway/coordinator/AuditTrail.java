package dev.twoway.coordinator;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

import dev.twoway.core.state.MigrationState;

/**
 * The transitions the reconciler made, waiting for {@code poll()} to publish them to the
 * audit topic. The reconciler thread adds; the task's poll thread drains.
 */
public final class AuditTrail {
    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct().name("dev.twoway.coordinator.Transition")
            .field("migration_id", Schema.STRING_SCHEMA)
            .field("from_state", Schema.OPTIONAL_STRING_SCHEMA)
            .field("to_state", Schema.STRING_SCHEMA)
            .field("stage", Schema.OPTIONAL_STRING_SCHEMA)
            .field("message", Schema.OPTIONAL_STRING_SCHEMA)
            .field("at", Schema.INT64_SCHEMA)
            .build();

    private final String topic;
    private final String migrationId;
    private final LinkedBlockingQueue<SourceRecord> queue = new LinkedBlockingQueue<>();
    private long seq;

    /** {@code lastSeq}: the sequence number of the last record published (from the offset store), or -1. */
    public AuditTrail(String topic, String migrationId, long lastSeq) {
        this.topic = topic;
        this.migrationId = migrationId;
        this.seq = lastSeq;
    }

    public static Map<String, String> sourcePartition(String migrationId) {
        return Map.of("migration", migrationId);
    }

    /** Queues one transition; {@code from} is null for a migration's first row. */
    public synchronized void transition(MigrationState from, MigrationState to, String stage, String message) {
        Struct value = new Struct(VALUE_SCHEMA)
                .put("migration_id", migrationId)
                .put("from_state", from == null ? null : from.wireName())
                .put("to_state", to.wireName())
                .put("stage", stage)
                .put("message", message)
                .put("at", System.currentTimeMillis());
        seq++;
        queue.add(new SourceRecord(sourcePartition(migrationId), Map.of("seq", seq), topic, null,
                Schema.STRING_SCHEMA, migrationId, VALUE_SCHEMA, value));
    }

    /** What is queued, waiting at most {@code waitMs} for the first record; null when nothing came. */
    public List<SourceRecord> drain(long waitMs) throws InterruptedException {
        SourceRecord first = queue.poll(waitMs, TimeUnit.MILLISECONDS);
        if (first == null) {
            return null;
        }
        List<SourceRecord> records = new ArrayList<>();
        records.add(first);
        queue.drainTo(records);
        return records;
    }
}
