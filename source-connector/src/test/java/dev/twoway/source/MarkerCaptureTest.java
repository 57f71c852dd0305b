package dev.twoway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class MarkerCaptureTest {
    @Test
    void appendsTheMarkersTableToAGivenTableList() {
        Map<String, String> props = apply(Map.of("table.include.list", "demo\\.orders"));

        assertEquals("(?!" + MarkerCapture.TWOWAY_TABLES + "$)demo\\.orders,_twoway\\.markers", props.get("table.include.list"));
        assertNull(props.get("table.exclude.list"));
        assertNull(props.get("database.include.list"));
    }

    @Test
    void appendsTheSidecarToAGivenDatabaseListAndExcludesItsOtherTables() {
        Map<String, String> props = apply(Map.of("database.include.list", "demo, shop"));

        assertEquals("demo, shop,_twoway", props.get("database.include.list"));
        assertEquals("_twoway\\.(?!markers$).*," + MarkerCapture.TWOWAY_TABLES, props.get("table.exclude.list"));
    }

    @Test
    void appendsToAGivenExcludeList() {
        Map<String, String> props = apply(Map.of("table.exclude.list", "demo\\.audit"));

        assertEquals("demo\\.audit,_twoway\\.(?!markers$).*," + MarkerCapture.TWOWAY_TABLES, props.get("table.exclude.list"));
    }

    @Test
    void theExclusionKeepsOnlyTheMarkersTableOfTheSidecar() {
        Pattern excluded = excluded(apply(Map.of()));

        assertFalse(excluded.matcher("_twoway.markers").matches());
        assertTrue(excluded.matcher("_twoway.migrations").matches());
        assertTrue(excluded.matcher("_twoway.markers_old").matches());
        assertFalse(excluded.matcher("demo.markers").matches());
    }

    @Test
    void theTablesAMigrationParksBesideTheOriginalAreNotStreamed() {
        Pattern excluded = excluded(apply(Map.of()));

        assertTrue(excluded.matcher("shop.users_tw1a2b3c_new").matches());
        assertTrue(excluded.matcher("shop.users_tw1a2b3c_old").matches());
        assertTrue(excluded.matcher("shop.users_tw1a2b3c_hold_20261122010203").matches());
        assertFalse(excluded.matcher("shop.users").matches());
        assertFalse(excluded.matcher("shop.users_new").matches());
    }

    @Test
    void aGivenIncludeListLeavesOutTheTablesAMigrationParks() {
        Map<String, String> props = apply(Map.of("table.include.list", "shop\\..*"));
        Pattern included = Pattern.compile(String.join("|", props.get("table.include.list").split(",")),
                Pattern.CASE_INSENSITIVE);

        assertTrue(included.matcher("shop.users").matches());
        assertTrue(included.matcher("_twoway.markers").matches());
        assertFalse(included.matcher("shop.users_tw1a2b3c_new").matches());
        assertFalse(included.matcher("shop.users_tw1a2b3c_old").matches());
    }

    /** Debezium's reading of a comma-separated list of regular expressions. */
    private static Pattern excluded(Map<String, String> props) {
        return Pattern.compile(String.join("|", props.get("table.exclude.list").split(",")), Pattern.CASE_INSENSITIVE);
    }

    @Test
    void applyingTwiceAddsNothingMore() {
        Map<String, String> once = apply(Map.of("database.include.list", "demo", "table.include.list", "demo\\..*"));

        assertEquals(once, apply(once));
    }

    @Test
    void quotesRegexCharactersOfTheDatabaseName() {
        assertEquals("my\\-ops\\.v2", MarkerCapture.regexLiteral("my-ops.v2"));
        assertEquals("_twoway", MarkerCapture.regexLiteral("_twoway"));
    }

    private static Map<String, String> apply(Map<String, String> given) {
        Map<String, String> props = new HashMap<>(given);
        MarkerCapture.apply(props, "_twoway");
        return props;
    }
}
