package dev.twoway.smt;

import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.header.Headers;
import org.apache.kafka.connect.transforms.Transformation;

/**
 * Moves each inserted row of {@code <twoway.database>.markers} into the topic of the table the
 * marker is about: the very topic Debezium writes that table's changes to ({@link DataTopics},
 * Debezium's own naming, e.g. {@code <prefix>.<table_schema>.<table_name>} with the characters a
 * topic cannot hold replaced). There it sits between that table's row changes in binlog order, so
 * the sink sees a cut-over marker exactly after the last change made before the lock (invariant
 * 1: the topic is the journal).
 *
 * <p>Every option it is given reaches Debezium's naming strategy ({@code topic.naming.strategy},
 * {@code topic.delimiter}, ...): the source task hands it the connector's whole configuration.
 * Without {@code topic.prefix} (used as a stand-alone transformation) the prefix is the marker
 * row's own topic less {@code .<database>.markers}.
 *
 * <p>The routed record keeps Debezium's key and value and gets the headers {@value #KIND},
 * {@value #ID} and {@value #MIGRATION}; its partition is left to the producer (the table topics
 * have one partition). Updates and deletes of marker rows (the sink and the coordinator write
 * {@code reached_*} and {@code outcome}) and their tombstones are dropped: only an insert is a
 * marker. Every other record passes unchanged. A marker that cannot be routed (a row without its
 * values, a naming strategy that fails) throws {@link UnroutableMarkerException}, which names it.
 */
public class MarkerRouter<R extends ConnectRecord<R>> implements Transformation<R> {
    public static final String DATABASE = "twoway.database";
    public static final String DATABASE_DOC = "The sidecar database holding the markers table.";
    public static final String DATABASE_DEFAULT = "_twoway";

    /** Header with the marker's kind: start, sync, cutover, revert or stop. */
    public static final String KIND = "twoway.marker";
    /** Header with the marker's {@code marker_id}, as a decimal string. */
    public static final String ID = "twoway.marker.id";
    /** Header with the marker's {@code migration_id}. */
    public static final String MIGRATION = "twoway.migration";

    static final String MARKERS_TABLE = "markers";

    private static final ConfigDef CONFIG_DEF = new ConfigDef()
            .define(DATABASE, Type.STRING, DATABASE_DEFAULT, new ConfigDef.NonEmptyString(), Importance.MEDIUM, DATABASE_DOC);

    private static final String TOPIC_PREFIX = "topic.prefix";

    private String database = DATABASE_DEFAULT;
    private Map<String, Object> naming = Map.of();
    private final Map<String, DataTopics> topicsByPrefix = new HashMap<>();

    @Override
    public void configure(Map<String, ?> configs) {
        database = new AbstractConfig(CONFIG_DEF, configs).getString(DATABASE);
        naming = new HashMap<>(configs);
        topicsByPrefix.clear();
    }

    @Override
    public R apply(R record) {
        if (!isMarkerRow(record)) {
            return record;
        }
        Struct value = Envelope.value(record);
        String op = Envelope.string(value, Envelope.OP);
        if (!"c".equals(op) && !"r".equals(op)) {
            return null;
        }
        return route(record, Envelope.struct(value, Envelope.AFTER));
    }

    /** True for every record of the markers table, tombstones included (their key still names it). */
    private boolean isMarkerRow(R record) {
        if (Envelope.value(record) == null) {
            return record.topic() != null && record.topic().endsWith(topicSuffix());
        }
        return database.equals(Envelope.sourceField(record, "db"))
                && MARKERS_TABLE.equals(Envelope.sourceField(record, "table"));
    }

    /** The marker on its table's topic; {@link UnroutableMarkerException} when it has none. */
    private R route(R record, Struct after) {
        if (after == null) {
            throw new UnroutableMarkerException(null, null, "marker insert on " + record.topic() + " has no 'after' row image", null);
        }
        String markerId = Envelope.string(after, "marker_id");
        String migration = Envelope.string(after, "migration_id");
        try {
            String topic = dataTopics(record.topic()).topic(required(after, "table_schema"), required(after, "table_name"));
            Headers headers = record.headers().duplicate()
                    .remove(KIND).addString(KIND, required(after, "kind"))
                    .remove(ID).addString(ID, required(after, "marker_id"))
                    .remove(MIGRATION).addString(MIGRATION, required(after, "migration_id"));
            return record.newRecord(topic, null, record.keySchema(), record.key(),
                    record.valueSchema(), record.value(), record.timestamp(), headers);
        }
        catch (RuntimeException e) {
            throw new UnroutableMarkerException(markerId, migration, e.getMessage(), e);
        }
    }

    /** Debezium's naming for the configured prefix, or else the one the marker row's topic shows. */
    private DataTopics dataTopics(String markerTopic) {
        Object configured = naming.get(TOPIC_PREFIX);
        String prefix = configured != null ? configured.toString() : prefix(markerTopic);
        return topicsByPrefix.computeIfAbsent(prefix, p -> {
            Map<String, Object> config = new HashMap<>(naming);
            config.put(TOPIC_PREFIX, p);
            return DataTopics.of(config);
        });
    }

    /** The topic prefix: the marker row's topic without {@code .<database>.markers}. */
    private String prefix(String topic) {
        String suffix = topicSuffix();
        if (topic == null || !topic.endsWith(suffix) || topic.length() == suffix.length()) {
            throw new DataException("marker row of " + database + "." + MARKERS_TABLE + " arrived on topic '" + topic
                    + "', which does not end with '" + suffix + "'; MarkerRouter derives the table topics' prefix from it,"
                    + " so it must run before any transformation that renames topics");
        }
        return topic.substring(0, topic.length() - suffix.length());
    }

    private String topicSuffix() {
        return "." + database + "." + MARKERS_TABLE;
    }

    private static String required(Struct after, String column) {
        String value = Envelope.string(after, column);
        if (value == null) {
            throw new DataException("marker row has no value in column '" + column + "': " + after);
        }
        return value;
    }

    @Override
    public ConfigDef config() {
        return CONFIG_DEF;
    }

    @Override
    public void close() {
        // nothing held
    }
}
