package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Date;

import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;
import org.junit.jupiter.api.Test;

class ValueConverterTest {
    @Test
    void primitivesPassThrough() {
        assertEquals(42, ValueConverter.toJdbc(Schema.INT32_SCHEMA, 42));
        assertEquals(42L, ValueConverter.toJdbc(Schema.INT64_SCHEMA, 42L));
        assertEquals((short) 4, ValueConverter.toJdbc(Schema.INT16_SCHEMA, (short) 4));
        assertEquals(1.5d, ValueConverter.toJdbc(Schema.FLOAT64_SCHEMA, 1.5d));
        assertEquals(true, ValueConverter.toJdbc(Schema.BOOLEAN_SCHEMA, true));
        assertEquals("héllo", ValueConverter.toJdbc(Schema.STRING_SCHEMA, "héllo"));
    }

    @Test
    void nullStaysNull() {
        assertNull(ValueConverter.toJdbc(Schema.OPTIONAL_STRING_SCHEMA, null));
        assertNull(ValueConverter.toJdbc(named(Schema.OPTIONAL_INT32_SCHEMA, ValueConverter.DATE), null));
    }

    @Test
    void bytesBecomeArrays() {
        assertArrayEquals(new byte[] {1, 2}, (byte[]) ValueConverter.toJdbc(Schema.BYTES_SCHEMA, ByteBuffer.wrap(new byte[] {1, 2})));
        assertArrayEquals(new byte[] {3}, (byte[]) ValueConverter.toJdbc(Schema.BYTES_SCHEMA, new byte[] {3}));
    }

    @Test
    void decimalStaysBigDecimal() {
        assertEquals(new BigDecimal("12.340"), ValueConverter.toJdbc(Decimal.schema(3), new BigDecimal("12.340")));
    }

    @Test
    void debeziumDateIsDaysSinceEpoch() {
        assertEquals(LocalDate.of(2024, 2, 29),
                ValueConverter.toJdbc(named(Schema.INT32_SCHEMA, ValueConverter.DATE), (int) LocalDate.of(2024, 2, 29).toEpochDay()));
    }

    @Test
    void timesBecomeTextThatMayExceedADay() {
        assertEquals("12:34:56.000000", ValueConverter.toJdbc(named(Schema.INT32_SCHEMA, ValueConverter.TIME), 45_296_000));
        assertEquals("838:59:59.000000",
                ValueConverter.toJdbc(named(Schema.INT64_SCHEMA, ValueConverter.MICRO_TIME), 3_020_399_000_000L));
        assertEquals("-1:00:00.500000",
                ValueConverter.toJdbc(named(Schema.INT64_SCHEMA, ValueConverter.MICRO_TIME), -3_600_500_000L));
        assertEquals("0:00:01.000001",
                ValueConverter.toJdbc(named(Schema.INT64_SCHEMA, ValueConverter.NANO_TIME), 1_000_001_000L));
    }

    @Test
    void datetimesAreWallClockAtUtc() {
        LocalDateTime wall = LocalDateTime.of(2024, 3, 1, 10, 20, 30, 123_456_000);
        long micros = wall.toEpochSecond(java.time.ZoneOffset.UTC) * 1_000_000L + 123_456;
        assertEquals(wall, ValueConverter.toJdbc(named(Schema.INT64_SCHEMA, ValueConverter.MICRO_TIMESTAMP), micros));
        assertEquals(wall.withNano(123_000_000),
                ValueConverter.toJdbc(named(Schema.INT64_SCHEMA, ValueConverter.TIMESTAMP), micros / 1_000));
        assertEquals(wall, ValueConverter.toJdbc(named(Schema.INT64_SCHEMA, ValueConverter.NANO_TIMESTAMP), micros * 1_000));
    }

    @Test
    void datetimesBeforeTheEpochKeepTheirFraction() {
        LocalDateTime wall = LocalDateTime.of(1969, 12, 31, 23, 59, 59, 500_000_000);
        assertEquals(wall, ValueConverter.toJdbc(named(Schema.INT64_SCHEMA, ValueConverter.MICRO_TIMESTAMP), -500_000L));
    }

    @Test
    void zonedTimestampIsConvertedToUtc() {
        assertEquals("2024-03-01 08:00:00.250000+00:00",
                ValueConverter.toJdbc(named(Schema.STRING_SCHEMA, ValueConverter.ZONED_TIMESTAMP), "2024-03-01T10:00:00.25+02:00"));
        assertEquals("2024-03-01 10:00:00.000000+00:00",
                ValueConverter.toJdbc(named(Schema.STRING_SCHEMA, ValueConverter.ZONED_TIMESTAMP), "2024-03-01T10:00:00Z"));
    }

    @Test
    void connectLogicalTypesAreUnderstoodToo() {
        Date at = new Date(LocalDateTime.of(2024, 3, 1, 10, 0).toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
        assertEquals(LocalDateTime.of(2024, 3, 1, 10, 0), ValueConverter.toJdbc(Timestamp.SCHEMA, at));
    }

    @Test
    void yearEnumSetJsonAndBits() {
        assertEquals(2024, ValueConverter.toJdbc(named(Schema.INT32_SCHEMA, ValueConverter.YEAR), 2024));
        assertEquals("a,b", ValueConverter.toJdbc(named(Schema.STRING_SCHEMA, "io.debezium.data.EnumSet"), "a,b"));
        assertEquals("{\"k\":1}", ValueConverter.toJdbc(named(Schema.STRING_SCHEMA, "io.debezium.data.Json"), "{\"k\":1}"));
        assertArrayEquals(new byte[] {0x01, 0x02},
                (byte[]) ValueConverter.toJdbc(named(Schema.BYTES_SCHEMA, ValueConverter.BITS), new byte[] {0x02, 0x01}));
    }

    @Test
    void structsAreRefusedWithTheirSchemaName() {
        Schema point = SchemaBuilder.struct().name("io.example.Unknown").field("x", Schema.FLOAT64_SCHEMA).build();
        DataException e = assertThrows(DataException.class,
                () -> ValueConverter.toJdbc(point, new org.apache.kafka.connect.data.Struct(point).put("x", 1.0)));
        assertEquals(true, e.getMessage().contains("io.example.Unknown"), e.getMessage());
    }

    private static Schema named(Schema base, String name) {
        SchemaBuilder builder = new SchemaBuilder(base.type()).name(name);
        if (base.isOptional()) {
            builder.optional();
        }
        return builder.build();
    }

    @Test
    void aGeometryIsBoundInMySqlsInternalFormSridFirst() {
        org.apache.kafka.connect.data.Schema geometry = org.apache.kafka.connect.data.SchemaBuilder.struct()
                .name(ValueConverter.GEOMETRY).field("wkb", Schema.BYTES_SCHEMA).field("srid", Schema.OPTIONAL_INT32_SCHEMA).build();
        byte[] wkb = {1, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, (byte) 0xf0, 0x3f, 0, 0, 0, 0, 0, 0, 0, 0x40};
        org.apache.kafka.connect.data.Struct value = new org.apache.kafka.connect.data.Struct(geometry)
                .put("wkb", java.nio.ByteBuffer.wrap(wkb)).put("srid", 4326);

        byte[] bound = (byte[]) ValueConverter.toJdbc(geometry, value);

        assertEquals("e6100000" + java.util.HexFormat.of().formatHex(wkb), java.util.HexFormat.of().formatHex(bound));
    }
}
