package dev.twoway.sink;

import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;

import dev.twoway.core.state.MarkerKind;

/**
 * One record of a table's topic as the sink reads it: where it sits (the original topic,
 * partition and offset, which are what the sink's progress is kept against), the GTID of its
 * transaction, and whether it is a marker. Header values are read leniently because the
 * worker's header converter may have turned "12" into a number.
 */
public final class JournalRecord {
    public static final String GTID_HEADER = "twoway.gtid";
    public static final String MARKER_HEADER = "twoway.marker";
    public static final String MARKER_ID_HEADER = "twoway.marker.id";
    public static final String MIGRATION_HEADER = "twoway.migration";

    private final SinkRecord record;
    private final TopicPartition partition;
    private final MarkerEvent marker;

    private JournalRecord(SinkRecord record) {
        this.record = record;
        this.partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
        this.marker = readMarker();
    }

    public static JournalRecord of(SinkRecord record) {
        return new JournalRecord(record);
    }

    public SinkRecord record() {
        return record;
    }

    public TopicPartition partition() {
        return partition;
    }

    public long offset() {
        return record.originalKafkaOffset();
    }

    /** The {@value #GTID_HEADER} header, or null when the record has none. */
    public String gtid() {
        return header(GTID_HEADER);
    }

    public Optional<MarkerEvent> marker() {
        return Optional.ofNullable(marker);
    }

    /** A Debezium change event envelope (a Struct with {@code op}), as opposed to a tombstone or anything else. */
    public boolean isChangeEvent() {
        return record.value() instanceof Struct value && value.schema().field("op") != null;
    }

    public boolean isTombstone() {
        return record.value() == null;
    }

    /** {@code topic-partition@offset}, for messages. */
    public String coordinates() {
        return partition + "@" + offset();
    }

    private MarkerEvent readMarker() {
        String kind = header(MARKER_HEADER);
        if (kind == null) {
            return null;
        }
        String id = header(MARKER_ID_HEADER);
        String migration = header(MIGRATION_HEADER);
        Struct after = afterImage();
        if (after != null) {
            id = fieldOr(after, "marker_id", id);
            migration = fieldOr(after, "migration_id", migration);
        }
        if (id == null || migration == null) {
            throw new ConnectException("marker record " + coordinates() + " (" + kind + ") lacks its "
                    + MARKER_ID_HEADER + " or " + MIGRATION_HEADER + " header");
        }
        try {
            return new MarkerEvent(MarkerKind.fromWireName(kind), Long.parseLong(id.trim()), migration);
        }
        catch (IllegalArgumentException e) {
            throw new ConnectException("marker record " + coordinates() + " has kind '" + kind + "' and id '" + id
                    + "'; expected one of start, sync, cutover, revert, stop, checksum and a number", e);
        }
    }

    /** The marker row itself, which carries the exact id and migration (headers may have been re-typed). */
    private Struct afterImage() {
        if (record.value() instanceof Struct value && value.schema().field("after") != null
                && value.get("after") instanceof Struct after) {
            return after;
        }
        return null;
    }

    private static String fieldOr(Struct struct, String name, String fallback) {
        Field field = struct.schema().field(name);
        Object value = field == null ? null : struct.get(field);
        return value == null ? fallback : value.toString();
    }

    private String header(String key) {
        Header header = record.headers().lastWithName(key);
        return header == null || header.value() == null ? null : header.value().toString();
    }
}
