package dev.twoway.smt;

import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * Reads the few fields of a Debezium change event envelope the transformations need.
 * Every accessor returns null instead of failing when the record is not an envelope
 * (heartbeats, tombstones, schema changes), so callers can pass such records through.
 */
final class Envelope {
    static final String SOURCE = "source";
    static final String AFTER = "after";
    static final String OP = "op";

    private Envelope() {
    }

    /** The value as a Struct, or null when it is anything else (e.g. a tombstone). */
    static Struct value(ConnectRecord<?> record) {
        return record.value() instanceof Struct struct ? struct : null;
    }

    /** The nested Struct {@code name} of {@code struct}, or null when absent. */
    static Struct struct(Struct struct, String name) {
        Object value = field(struct, name);
        return value instanceof Struct nested ? nested : null;
    }

    /** The field {@code name} of {@code struct} as a string, or null when absent. */
    static String string(Struct struct, String name) {
        Object value = field(struct, name);
        return value == null ? null : value.toString();
    }

    /** {@code source.<name>} of the record's envelope, or null when the record has none. */
    static String sourceField(ConnectRecord<?> record, String name) {
        return string(struct(value(record), SOURCE), name);
    }

    private static Object field(Struct struct, String name) {
        if (struct == null) {
            return null;
        }
        Field field = struct.schema().field(name);
        return field == null ? null : struct.get(field);
    }
}
