package dev.twoway.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class NullsKeptTest {
    /** A nullable column declared DEFAULT CURRENT_TIMESTAMP, as Debezium's schema has it (epoch 0 as the default). */
    private static final Schema ROW = SchemaBuilder.struct().name("twoway.shop.t.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("ts", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional()
                    .defaultValue("1970-01-01T00:00:00Z").build())
            .field("title", SchemaBuilder.string().optional().defaultValue("none").build())
            .build();

    private final NullsKept<SourceRecord> transform = new NullsKept<>();

    @Test
    void aNullWrittenToAColumnWithADefaultStaysNullThroughTheJsonConverter() {
        SourceRecord inserted = DebeziumRecords.change("twoway.shop.t", ROW, "c", null,
                new Struct(ROW).put("id", 1).put("ts", null).put("title", null), DebeziumRecords.source("shop", "t", "g:1"));
        assertEquals("1970-01-01T00:00:00Z", roundTrip(inserted).getString("ts"), "without the transformation the "
                + "JsonConverter's defaults turn NULL into the default (the defect this guards against)");

        Struct after = roundTrip(transform.apply(inserted));

        assertNull(after.get("ts"), "NULL stays NULL");
        assertNull(after.get("title"), "NULL stays NULL");
        assertEquals(1, after.getInt32("id"));
    }

    @Test
    void valuesAndTheirLogicalTypesAreKept() {
        SourceRecord inserted = DebeziumRecords.change("twoway.shop.t", ROW, "u", new Struct(ROW).put("id", 2),
                new Struct(ROW).put("id", 2).put("ts", "2020-01-01T10:00:00Z").put("title", "x"),
                DebeziumRecords.source("shop", "t", "g:2"));

        SourceRecord out = transform.apply(inserted);
        Struct after = ((Struct) out.value()).getStruct("after");

        assertEquals("2020-01-01T10:00:00Z", after.getString("ts"));
        assertEquals("io.debezium.time.ZonedTimestamp", after.schema().field("ts").schema().name());
        assertNull(after.schema().field("ts").schema().defaultValue());
        assertEquals(2, ((Struct) out.value()).getStruct("before").getInt32("id"));
        assertEquals("g:2", ((Struct) out.value()).getStruct("source").getString("gtid"));
    }

    @Test
    void anEnvelopeWhoseRowsHaveNoDefaultPassesUnchanged() {
        SourceRecord record = DebeziumRecords.orderInsert("g:3");
        assertSame(record, transform.apply(record));
    }

    private static Struct roundTrip(SourceRecord record) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), false);
        byte[] bytes = converter.fromConnectData(record.topic(), record.valueSchema(), record.value());
        SchemaAndValue back = converter.toConnectData(record.topic(), bytes);
        return ((Struct) back.value()).getStruct("after");
    }
}
