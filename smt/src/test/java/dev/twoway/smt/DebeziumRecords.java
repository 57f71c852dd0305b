package dev.twoway.smt;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;

/** Hand-built records shaped like Debezium MySQL change events, for the transformation tests. */
final class DebeziumRecords {
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.mysql.Source")
            .field("db", Schema.STRING_SCHEMA)
            .field("table", Schema.OPTIONAL_STRING_SCHEMA)
            .field("gtid", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema MARKER = SchemaBuilder.struct().name("twoway._twoway.markers.Value").optional()
            .field("marker_id", Schema.INT64_SCHEMA)
            .field("migration_id", Schema.STRING_SCHEMA)
            .field("kind", Schema.STRING_SCHEMA)
            .field("table_schema", Schema.STRING_SCHEMA)
            .field("table_name", Schema.STRING_SCHEMA)
            .build();
    static final Schema MARKER_OPTIONAL_TABLE = SchemaBuilder.struct().name("twoway._twoway.markers.Value").optional()
            .field("marker_id", Schema.INT64_SCHEMA)
            .field("migration_id", Schema.STRING_SCHEMA)
            .field("kind", Schema.STRING_SCHEMA)
            .field("table_schema", Schema.STRING_SCHEMA)
            .field("table_name", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final Schema MARKER_KEY = SchemaBuilder.struct().name("twoway._twoway.markers.Key")
            .field("marker_id", Schema.INT64_SCHEMA)
            .build();
    static final Schema ROW = SchemaBuilder.struct().name("twoway.shop.orders.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .build();

    private DebeziumRecords() {
    }

    static Schema envelope(Schema row) {
        return SchemaBuilder.struct().name(row.name().replace(".Value", ".Envelope"))
                .field("before", row).field("after", row).field("source", SOURCE).field("op", Schema.STRING_SCHEMA)
                .build();
    }

    static Struct source(String db, String table, String gtid) {
        return new Struct(SOURCE).put("db", db).put("table", table).put("gtid", gtid);
    }

    static SourceRecord change(String topic, Schema rowSchema, String op, Struct before, Struct after, Struct source) {
        Schema schema = envelope(rowSchema);
        Struct value = new Struct(schema).put("before", before).put("after", after).put("source", source).put("op", op);
        return new SourceRecord(null, null, topic, 0, null, null, schema, value);
    }

    static SourceRecord orderInsert(String gtid) {
        return change("twoway.shop.orders", ROW, "c", null, new Struct(ROW).put("id", 7), source("shop", "orders", gtid));
    }

    static Struct marker(long id, String kind) {
        return new Struct(MARKER).put("marker_id", id).put("migration_id", "m1").put("kind", kind)
                .put("table_schema", "shop").put("table_name", "orders");
    }

    static SourceRecord markerChange(String op, Struct before, Struct after) {
        Struct key = new Struct(MARKER_KEY).put("marker_id", (after != null ? after : before).getInt64("marker_id"));
        Schema schema = envelope((after != null ? after : before).schema());
        Struct value = new Struct(schema).put("before", before).put("after", after)
                .put("source", source("_twoway", "markers", "uuid:9")).put("op", op);
        return new SourceRecord(null, null, "twoway._twoway.markers", 0, MARKER_KEY, key, schema, value);
    }
}
