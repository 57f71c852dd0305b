package dev.twoway.source;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Hands {@link MySqlTableSchemaHistory} the connection settings of the connector. Debezium gives
 * a schema history only the {@code schema.history.internal.*} keys, so they are copied there.
 *
 * <p>This runs in the task, on its copy of the configuration, and not in the connector: Connect
 * stores task configurations in its config topic and puts a config provider reference such as
 * {@code ${file:...}} back only under the key the user wrote it, so a password copied to a new
 * key by the connector would be stored in clear.
 */
final class SchemaHistorySettings {
    static final String PREFIX = "schema.history.internal.";
    private static final List<String> COPIED = List.of("database.hostname", "database.port", "database.user",
            "database.password", "database.ssl.mode", SourceDefaults.SIDECAR_DATABASE);

    private SchemaHistorySettings() {
    }

    /** A copy of {@code props} with the history's settings added, unless twoway's history is not used. */
    static Map<String, String> derive(Map<String, String> props) {
        Map<String, String> out = new HashMap<>(props);
        if (!MySqlTableSchemaHistory.class.getName().equals(props.get(SourceDefaults.SCHEMA_HISTORY))) {
            return out;
        }
        for (String key : COPIED) {
            if (props.get(key) != null) {
                out.putIfAbsent(PREFIX + key, props.get(key));
            }
        }
        // One history per connector, as Connect keeps one set of offsets per connector name.
        String key = props.getOrDefault(SourceDefaults.NAME, props.get(SourceDefaults.TOPIC_PREFIX));
        if (key != null) {
            out.putIfAbsent(PREFIX + "name", key);
        }
        return out;
    }
}
