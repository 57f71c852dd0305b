package dev.twoway.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class GtidHeaderTest {
    private final GtidHeader<SourceRecord> transform = new GtidHeader<>();

    @BeforeEach
    void configure() {
        transform.configure(Map.of());
    }

    @Test
    void addsTheGtidOfTheChangeAsHeader() {
        SourceRecord out = transform.apply(DebeziumRecords.orderInsert("3e11fa47-71ca-11e1-9e33-c80aa9429562:23"));

        assertEquals(List.of("3e11fa47-71ca-11e1-9e33-c80aa9429562:23"), gtidHeaders(out));
        assertEquals("twoway.shop.orders", out.topic());
    }

    @Test
    void replacesAnExistingHeaderInsteadOfAddingASecond() {
        SourceRecord once = transform.apply(DebeziumRecords.orderInsert("uuid:1"));
        once.headers().addString(GtidHeader.HEADER, "stale");

        SourceRecord twice = transform.apply(transform.apply(once));

        assertEquals(List.of("uuid:1"), gtidHeaders(twice));
    }

    @Test
    void leavesTheInputRecordsHeadersAlone() {
        SourceRecord in = DebeziumRecords.orderInsert("uuid:1");

        transform.apply(in);

        assertEquals(List.of(), gtidHeaders(in));
    }

    @Test
    void passesRecordsWithoutGtidUnchanged() {
        SourceRecord noGtid = DebeziumRecords.orderInsert(null);
        assertSame(noGtid, transform.apply(noGtid));

        SourceRecord tombstone = new SourceRecord(null, null, "twoway.shop.orders", 0, null, null, null, null);
        assertSame(tombstone, transform.apply(tombstone));

        Schema heartbeatSchema = SchemaBuilder.struct().name("io.debezium.connector.common.Heartbeat")
                .field("ts_ms", Schema.INT64_SCHEMA).build();
        SourceRecord heartbeat = new SourceRecord(null, null, "__debezium-heartbeat.twoway", 0, null, null,
                heartbeatSchema, new Struct(heartbeatSchema).put("ts_ms", 1L));
        assertSame(heartbeat, transform.apply(heartbeat));

        SourceRecord notAStruct = new SourceRecord(null, null, "t", 0, null, null, Schema.STRING_SCHEMA, "text");
        assertSame(notAStruct, transform.apply(notAStruct));
    }

    private static List<String> gtidHeaders(SourceRecord record) {
        List<String> values = new ArrayList<>();
        record.headers().allWithName(GtidHeader.HEADER).forEachRemaining(h -> values.add((String) h.value()));
        return values;
    }
}
