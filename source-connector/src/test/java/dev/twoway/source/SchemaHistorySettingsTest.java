package dev.twoway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SchemaHistorySettingsTest {
    private static final String HISTORY = MySqlTableSchemaHistory.class.getName();

    @Test
    void copiesTheConnectionSettingsAndKeysTheHistoryByConnectorName() {
        Map<String, String> out = SchemaHistorySettings.derive(Map.of("name", "src", "topic.prefix", "twoway",
                "schema.history.internal", HISTORY, "database.hostname", "db", "database.port", "3307",
                "database.user", "cdc", "database.password", "secret", "twoway.database", "ops"));

        assertEquals("db", out.get("schema.history.internal.database.hostname"));
        assertEquals("3307", out.get("schema.history.internal.database.port"));
        assertEquals("cdc", out.get("schema.history.internal.database.user"));
        assertEquals("secret", out.get("schema.history.internal.database.password"));
        assertEquals("ops", out.get("schema.history.internal.twoway.database"));
        assertEquals("src", out.get("schema.history.internal.name"));
    }

    @Test
    void explicitHistorySettingsWin() {
        Map<String, String> out = SchemaHistorySettings.derive(Map.of("name", "src", "schema.history.internal", HISTORY,
                "database.hostname", "db", "schema.history.internal.database.hostname", "other"));

        assertEquals("other", out.get("schema.history.internal.database.hostname"));
    }

    @Test
    void leavesAnotherHistoryImplementationAlone() {
        Map<String, String> out = SchemaHistorySettings.derive(Map.of("name", "src",
                "schema.history.internal", "io.debezium.storage.kafka.history.KafkaSchemaHistory", "database.hostname", "db"));

        assertNull(out.get("schema.history.internal.database.hostname"));
    }
}
