package dev.twoway.sink;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;

/** Hand-built records shaped like what the twoway source delivers: Debezium envelopes and markers. */
final class Records {
    static final String TOPIC = "tw.shop.users";

    /** users(id, name, title) before the migration drops title. */
    static final Schema OLD_ROW = SchemaBuilder.struct().name("tw.shop.users.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("title", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    /** users(id, name) after the cut-over. */
    static final Schema NEW_ROW = SchemaBuilder.struct().name("tw.shop.users.Value").optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema MARKER_ROW = SchemaBuilder.struct().name("tw._twoway.markers.Value").optional()
            .field("marker_id", Schema.INT64_SCHEMA)
            .field("migration_id", Schema.STRING_SCHEMA)
            .field("kind", Schema.STRING_SCHEMA)
            .build();

    private Records() {
    }

    static Schema envelope(Schema row) {
        return SchemaBuilder.struct().name("tw.Envelope")
                .field("before", row).field("after", row).field("op", Schema.STRING_SCHEMA)
                .build();
    }

    static SinkRecord change(long offset, String op, Struct before, Struct after) {
        Schema row = (after != null ? after : before).schema();
        Schema schema = envelope(row);
        Struct value = new Struct(schema).put("before", before).put("after", after).put("op", op);
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(JournalRecord.GTID_HEADER, "uuid:" + offset);
        return new SinkRecord(TOPIC, 0, null, null, schema, value, offset, null, null, headers);
    }

    static Struct oldRow(long id, String name, String title) {
        return new Struct(OLD_ROW).put("id", id).put("name", name).put("title", title);
    }

    static Struct newRow(long id, String name) {
        return new Struct(NEW_ROW).put("id", id).put("name", name);
    }

    static SinkRecord upsertOld(long offset, long id, String name, String title) {
        return change(offset, "u", null, oldRow(id, name, title));
    }

    static SinkRecord insertNew(long offset, long id, String name) {
        return change(offset, "c", null, newRow(id, name));
    }

    static SinkRecord deleteOld(long offset, long id) {
        return change(offset, "d", oldRow(id, "x", null), null);
    }

    /** A marker as MarkerRouter emits it; the id header is numeric, as the worker's header converter makes it. */
    static SinkRecord marker(long offset, String kind, long markerId, String migration) {
        Schema schema = envelope(MARKER_ROW);
        Struct after = new Struct(MARKER_ROW).put("marker_id", markerId).put("migration_id", migration).put("kind", kind);
        Struct value = new Struct(schema).put("after", after).put("op", "c");
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(JournalRecord.GTID_HEADER, "uuid:" + offset);
        headers.addString(JournalRecord.MARKER_HEADER, kind);
        headers.addLong(JournalRecord.MARKER_ID_HEADER, markerId);
        headers.addString(JournalRecord.MIGRATION_HEADER, migration);
        return new SinkRecord(TOPIC, 0, null, null, schema, value, offset, null, null, headers);
    }

    static SinkRecord tombstone(long offset) {
        return new SinkRecord(TOPIC, 0, null, null, null, null, offset);
    }

    static SinkRecord onPartition(SinkRecord record, int partition) {
        return new SinkRecord(record.topic(), partition, record.keySchema(), record.key(), record.valueSchema(),
                record.value(), record.kafkaOffset(), null, null, record.headers());
    }

    /** The same record on partition 0 of another topic (another table's journal). */
    static SinkRecord onTopic(SinkRecord record, String topic) {
        return new SinkRecord(topic, 0, record.keySchema(), record.key(), record.valueSchema(), record.value(),
                record.kafkaOffset(), null, null, record.headers());
    }
}
