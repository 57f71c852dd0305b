package dev.twoway.stack.demo;

import java.io.IOException;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The payloads of config/source.json, config/sink.json and config/migration.json, as a user
 * POSTs them, with only the server, the database, the names and the statement changed. Names
 * get the run's suffix: the sink keeps its offsets in MySQL under its name, and this run's Kafka
 * is new, so a name reused from an earlier run would make the sink skip this run's records.
 */
final class ConnectorPayloads {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path configDir;
    private final MySqlTarget mysql;
    private final String database;
    private final String suffix;

    ConnectorPayloads(Path configDir, MySqlTarget mysql, String database, String suffix) {
        this.configDir = configDir;
        this.mysql = mysql;
        this.database = database;
        this.suffix = suffix;
    }

    ObjectNode source() {
        ObjectNode payload = read("source.json");
        config(payload).put("database.include.list", database);
        return payload;
    }

    /** The topics of the demo database: the file's regex with its database replaced. */
    ObjectNode sink(String topicPrefix) {
        ObjectNode payload = read("sink.json");
        ObjectNode config = config(payload);
        String regex = config.path("topics.regex").asText("");
        String dot = "\\.";
        int first = regex.indexOf(dot);
        int second = first < 0 ? -1 : regex.indexOf(dot, first + dot.length());
        config.put("topics.regex", second > first
                ? regex.substring(0, first + dot.length()) + database + regex.substring(second)
                : topicPrefix.replace(".", dot) + dot + database + dot + ".*");
        return payload;
    }

    ObjectNode migration(String ddl) {
        ObjectNode payload = read("migration.json");
        config(payload).put("migration.ddl", ddl);
        return payload;
    }

    static ObjectNode config(ObjectNode payload) {
        return (ObjectNode) payload.get("config");
    }

    static String name(ObjectNode payload) {
        return payload.path("name").asText();
    }

    private ObjectNode read(String file) {
        Path path = configDir.resolve(file);
        ObjectNode payload;
        try {
            payload = (ObjectNode) JSON.readTree(path.toFile());
        }
        catch (IOException | ClassCastException e) {
            throw new DemoFailure("cannot read " + path + ": " + e.getMessage());
        }
        if (!(payload.get("config") instanceof ObjectNode config)) {
            throw new DemoFailure(path + " has no \"config\" object");
        }
        payload.put("name", payload.path("name").asText(file.replace(".json", "")) + "-" + suffix);
        config.put("database.hostname", mysql.host());
        config.put("database.port", Integer.toString(mysql.port()));
        config.put("database.user", mysql.user());
        config.put("database.password", mysql.password());
        return payload;
    }
}
