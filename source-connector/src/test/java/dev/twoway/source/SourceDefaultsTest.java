package dev.twoway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class SourceDefaultsTest {
    @Test
    void fillsInWhatTwowayNeeds() {
        Map<String, String> out = SourceDefaults.apply(Map.of("name", "src"));

        assertEquals("twoway", out.get("topic.prefix"));
        assertEquals("no_data", out.get("snapshot.mode"));
        assertEquals("none", out.get("snapshot.locking.mode"));
        assertEquals("false", out.get("include.schema.changes"));
        assertEquals("10", out.get("poll.interval.ms"));
        assertEquals(MySqlTableSchemaHistory.class.getName(), out.get("schema.history.internal"));
        assertEquals(Long.toString(SourceDefaults.serverId("src")), out.get("database.server.id"));
    }

    @Test
    void userValuesWin() {
        Map<String, String> out = SourceDefaults.apply(Map.of("name", "src", "topic.prefix", "shop",
                "database.server.id", "42", "snapshot.mode", "when_needed", "poll.interval.ms", "500"));

        assertEquals("shop", out.get("topic.prefix"));
        assertEquals("42", out.get("database.server.id"));
        assertEquals("when_needed", out.get("snapshot.mode"));
        assertEquals("500", out.get("poll.interval.ms"));
    }

    @Test
    void serverIdIsStablePerNameDistinctAcrossNamesAndInMySqlRange() {
        assertEquals(SourceDefaults.serverId("orders-source"), SourceDefaults.serverId("orders-source"));
        assertNotEquals(SourceDefaults.serverId("orders-source"), SourceDefaults.serverId("users-source"));
        for (String name : new String[] {"", "a", "twoway-source", "\uffff".repeat(50)}) {
            long id = SourceDefaults.serverId(name);
            assertTrue(id >= 1_000_000L && id < 4_294_967_296L, name + " -> " + id);
        }
    }

    @Test
    void capturesTheSidecarMarkersOfTheConfiguredDatabase() {
        Map<String, String> out = SourceDefaults.apply(Map.of("twoway.database", "ops", "database.include.list", "demo"));

        assertEquals("demo,ops", out.get("database.include.list"));
        assertEquals("ops\\.(?!markers$).*," + MarkerCapture.TWOWAY_TABLES, out.get("table.exclude.list"));
    }
}
