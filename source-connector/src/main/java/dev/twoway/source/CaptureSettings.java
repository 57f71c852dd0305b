package dev.twoway.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The options that decide what a source captures and how its topics are named, as the task runs
 * them (twoway's defaults applied): recorded in its {@code sources} row, so the coordinator can
 * apply Debezium's own filter and naming classes to them and know whether a table is captured
 * and where its changes go.
 */
final class CaptureSettings {
    static final List<String> KEYS = List.of("database.include.list", "database.exclude.list", "table.include.list",
            "table.exclude.list", "table.ignore.builtin", "topic.prefix", "topic.naming.strategy", "topic.delimiter");
    private static final ObjectMapper JSON = new ObjectMapper();

    private CaptureSettings() {
    }

    static Map<String, String> of(Map<String, String> props) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String key : KEYS) {
            if (props.get(key) != null) {
                out.put(key, props.get(key));
            }
        }
        return out;
    }

    static String json(Map<String, String> props) {
        try {
            return JSON.writeValueAsString(of(props));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the capture settings as JSON", e);
        }
    }
}
