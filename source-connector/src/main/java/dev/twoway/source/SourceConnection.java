package dev.twoway.source;

import java.util.Map;

import dev.twoway.core.jdbc.ConnectionSettings;

/** The task's own JDBC settings, from Debezium's {@code database.*} options (the resolved values a task is given). */
final class SourceConnection {
    private SourceConnection() {
    }

    static ConnectionSettings settings(Map<String, String> props) {
        return new ConnectionSettings(props.get("database.hostname"),
                Integer.parseInt(props.getOrDefault("database.port", "3306")), props.get("database.user"),
                props.getOrDefault("database.password", ""), props.getOrDefault("database.ssl.mode", "preferred"));
    }
}
