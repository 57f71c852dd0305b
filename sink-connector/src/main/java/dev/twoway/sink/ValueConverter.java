package dev.twoway.sink;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Date;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns a Connect value into the JDBC parameter that writes the same MySQL value, for the
 * types Debezium's MySQL connector emits with its default settings. Logical types are matched
 * by schema name, so the sink needs no Debezium classes.
 *
 * <p>DATETIME arrives as epoch-based wall-clock time, so it is read at UTC and bound as that wall
 * clock. TIMESTAMP arrives as an ISO instant and is bound as text with an explicit {@code +00:00}
 * offset (MySQL 8.0.19+): the exact instant in whatever zone the session runs (the server's: see
 * {@code SessionZone}), where a wall clock would be ambiguous in the hour a daylight-saving
 * change repeats. TIME is bound as text because MySQL's TIME spans -838:59:59 to 838:59:59, which
 * no {@code LocalTime} holds. Spatial values arrive as Debezium's {SRID, WKB} and are bound as
 * MySQL's own internal form (the SRID in four little-endian bytes, then the WKB), which is what
 * the binlog carried.
 */
public final class ValueConverter {
    static final String DECIMAL = "org.apache.kafka.connect.data.Decimal";
    static final String CONNECT_DATE = "org.apache.kafka.connect.data.Date";
    static final String CONNECT_TIME = "org.apache.kafka.connect.data.Time";
    static final String CONNECT_TIMESTAMP = "org.apache.kafka.connect.data.Timestamp";
    static final String DATE = "io.debezium.time.Date";
    static final String TIME = "io.debezium.time.Time";
    static final String MICRO_TIME = "io.debezium.time.MicroTime";
    static final String NANO_TIME = "io.debezium.time.NanoTime";
    static final String TIMESTAMP = "io.debezium.time.Timestamp";
    static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";
    static final String YEAR = "io.debezium.time.Year";
    static final String BITS = "io.debezium.data.Bits";
    static final String GEOMETRY = "io.debezium.data.geometry.Geometry";
    static final String GEOGRAPHY = "io.debezium.data.geometry.Geography";
    static final String POINT = "io.debezium.data.geometry.Point";
    private static final DateTimeFormatter WITH_OFFSET = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSxxx");

    private ValueConverter() {
    }

    /** The JDBC parameter for {@code value} of {@code schema}; null stays null. */
    public static Object toJdbc(Schema schema, Object value) {
        if (value == null) {
            return null;
        }
        String name = schema == null ? null : schema.name();
        if (name != null) {
            Object logical = logical(name, value);
            if (logical != null) {
                return logical;
            }
        }
        return plain(schema, value);
    }

    /** The value of a known logical type, or null when {@code name} is none of them. */
    private static Object logical(String name, Object value) {
        return switch (name) {
            case DECIMAL -> (BigDecimal) value;
            case CONNECT_DATE -> LocalDate.ofInstant(((Date) value).toInstant(), ZoneOffset.UTC);
            case CONNECT_TIME -> time(Duration.ofMillis(((Date) value).getTime()));
            case CONNECT_TIMESTAMP -> LocalDateTime.ofInstant(((Date) value).toInstant(), ZoneOffset.UTC);
            case DATE -> LocalDate.ofEpochDay(number(value));
            case TIME -> time(Duration.ofMillis(number(value)));
            case MICRO_TIME -> time(Duration.ofNanos(Math.multiplyExact(number(value), 1_000L)));
            case NANO_TIME -> time(Duration.ofNanos(number(value)));
            case TIMESTAMP -> wallClock(Instant.ofEpochMilli(number(value)));
            case MICRO_TIMESTAMP -> wallClock(epochMicros(number(value)));
            case NANO_TIMESTAMP -> wallClock(epochNanos(number(value)));
            case ZONED_TIMESTAMP -> zonedTimestamp(value.toString());
            case YEAR -> year((int) number(value));
            case BITS -> bigEndian(bytes(value));
            case GEOMETRY, GEOGRAPHY, POINT -> internalGeometry(value);
            default -> null;
        };
    }

    /** Debezium reads YEAR 0000 from the binlog as 1900, a year MySQL's YEAR cannot hold (1901 to 2155, or 0000). */
    private static int year(int year) {
        return year == 1900 ? 0 : year;
    }

    private static Object plain(Schema schema, Object value) {
        if (value instanceof ByteBuffer || value instanceof byte[]) {
            return bytes(value);
        }
        if (value instanceof Number || value instanceof Boolean || value instanceof String
                || value instanceof BigDecimal) {
            return value;
        }
        throw new DataException("cannot write a value of schema " + describe(schema) + " ("
                + value.getClass().getName() + ") to a MySQL column");
    }

    /** {@code [-]H:MM:SS.ffffff}, hours unbounded: the text form MySQL accepts for every TIME. */
    static String time(Duration duration) {
        Duration abs = duration.abs();
        String text = String.format("%d:%02d:%02d.%06d", abs.toHours(), abs.toMinutesPart(), abs.toSecondsPart(),
                abs.toNanosPart() / 1_000);
        return duration.isNegative() ? "-" + text : text;
    }

    private static LocalDateTime wallClock(Instant instant) {
        return LocalDateTime.ofInstant(instant, ZoneOffset.UTC);
    }

    private static Instant epochMicros(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    private static Instant epochNanos(long nanos) {
        return Instant.ofEpochSecond(Math.floorDiv(nanos, 1_000_000_000L), Math.floorMod(nanos, 1_000_000_000L));
    }

    private static String zonedTimestamp(String text) {
        try {
            return OffsetDateTime.parse(text).withOffsetSameInstant(ZoneOffset.UTC).format(WITH_OFFSET);
        }
        catch (DateTimeParseException e) {
            throw new DataException("'" + text + "' is not an ISO-8601 timestamp with offset (" + ZONED_TIMESTAMP + ")", e);
        }
    }

    private static long number(Object value) {
        if (value instanceof Number n) {
            return n.longValue();
        }
        throw new DataException("expected a number, got " + value.getClass().getName() + " '" + value + "'");
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        if (value instanceof ByteBuffer buffer) {
            ByteBuffer copy = buffer.duplicate();
            byte[] array = new byte[copy.remaining()];
            copy.get(array);
            return array;
        }
        throw new DataException("expected bytes, got " + value.getClass().getName());
    }

    /** MySQL's internal geometry: SRID (uint32, little-endian), then the WKB. */
    private static byte[] internalGeometry(Object value) {
        if (!(value instanceof Struct geometry)) {
            throw new DataException("expected a geometry struct, got " + value.getClass().getName());
        }
        Object wkb = geometry.schema().field("wkb") == null ? null : geometry.get("wkb");
        if (wkb == null) {
            throw new DataException("geometry value without its WKB: " + geometry);
        }
        Integer srid = geometry.schema().field("srid") == null ? null : geometry.getInt32("srid");
        byte[] body = bytes(wkb);
        return ByteBuffer.allocate(4 + body.length).order(ByteOrder.LITTLE_ENDIAN)
                .putInt(srid == null ? 0 : srid).put(body).array();
    }

    /** Debezium gives BIT(n) least significant byte first; MySQL reads a binary string most significant first. */
    private static byte[] bigEndian(byte[] littleEndian) {
        byte[] reversed = new byte[littleEndian.length];
        for (int i = 0; i < littleEndian.length; i++) {
            reversed[i] = littleEndian[littleEndian.length - 1 - i];
        }
        return reversed;
    }

    private static String describe(Schema schema) {
        if (schema == null) {
            return "(none)";
        }
        return schema.name() == null ? schema.type().toString() : schema.name() + " (" + schema.type() + ")";
    }
}
