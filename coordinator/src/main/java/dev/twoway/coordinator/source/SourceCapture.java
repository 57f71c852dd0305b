package dev.twoway.coordinator.source;

import java.util.Map;
import java.util.StringJoiner;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.twoway.smt.DataTopics;
import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.relational.TableId;
import io.debezium.relational.Tables;

/**
 * What one registered source captures and where it writes a table's changes, from the options
 * it recorded in {@code sources.capture}, decided by Debezium's own classes (its table filter, its
 * topic naming strategy) as the source's task decides them, rather than by a copy of their rules.
 */
public final class SourceCapture {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SHOWN = 120;
    /** The look-ahead the source puts before each table.include.list entry to keep parked tables out; not for people. */
    private static final String PARKED_GUARD = "(?!.*\\..*_tw[0-9a-f]{6}_(new|old|hold_[0-9]{14})$)";

    private final Map<String, String> options;
    private final Tables.TableFilter filter;
    private final DataTopics topics;

    private SourceCapture(Map<String, String> options) {
        this.options = options;
        MySqlConnectorConfig config = new MySqlConnectorConfig(Configuration.from(options));
        this.filter = config.getTableFilters().dataCollectionFilter();
        this.topics = DataTopics.of(options);
    }

    /** From the JSON object a source recorded; a malformed one is an {@link IllegalArgumentException}. */
    public static SourceCapture of(String captureJson) {
        try {
            return new SourceCapture(JSON.readValue(captureJson, new TypeReference<Map<String, String>>() { }));
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the capture settings are not a JSON object of strings: " + captureJson, e);
        }
    }

    public boolean captures(String database, String table) {
        return filter.isIncluded(new TableId(database, null, table));
    }

    /** The topic of the table's changes (and of its markers). */
    public String topic(String database, String table) {
        return topics.topic(database, table);
    }

    /** Its include and exclude lists, for messages (twoway's own exclusions left out). */
    public String describe() {
        StringJoiner out = new StringJoiner(", ");
        for (String key : new String[] {"database.include.list", "database.exclude.list", "table.include.list"}) {
            String value = options.get(key) == null ? null : options.get(key).replace(PARKED_GUARD, "");
            if (value != null && !value.isBlank()) {
                out.add(key + "=" + (value.length() > SHOWN ? value.substring(0, SHOWN) + "…" : value));
            }
        }
        return out.length() == 0 ? "every database" : out.toString();
    }
}
