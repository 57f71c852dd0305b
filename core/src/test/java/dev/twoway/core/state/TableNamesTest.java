package dev.twoway.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

class TableNamesTest {

    /** MySQL orders metadata locks by the bytes of the name: the live table must come first. */
    private static boolean sortsAfter(String name, String table) {
        return Arrays.compareUnsigned(name.getBytes(StandardCharsets.UTF_8), table.getBytes(StandardCharsets.UTF_8)) > 0;
    }

    @Test
    void namesKeepTheTableAsPrefixAndSortAfterIt() {
        assertEquals("users_tw" + TableNames.shadow("users", "m1").substring(8, 14) + "_new", TableNames.shadow("users", "m1"));
        for (String name : List.of(TableNames.shadow("users", "m1"), TableNames.old("users", "m1"),
                TableNames.hold("users", "m1", Instant.parse("2026-11-22T00:00:00Z")))) {
            assertTrue(name.startsWith("users_tw"), name);
            assertTrue(sortsAfter(name, "users"), name);
        }
    }

    @Test
    void longNamesAreCutToSixtyFourCharactersAndStillSortAfterTheTable() {
        String table = "z".repeat(60);
        for (String name : List.of(TableNames.shadow(table, "m1"), TableNames.old(table, "m1"),
                TableNames.hold(table, "m1", Instant.now()))) {
            assertTrue(name.length() <= 64, name);
            assertTrue(sortsAfter(name, table), name);
        }
    }

    @Test
    void differentMigrationsGetDifferentNames() {
        assertTrue(!TableNames.old("t", "a").equals(TableNames.old("t", "b")));
    }

    @Test
    void holdNamesOfAnyTimeAreRecognisedAndOthersAreNot() {
        for (String table : List.of("users", "z".repeat(60))) {
            assertTrue(TableNames.isHold(TableNames.hold(table, "m1", Instant.parse("2031-01-02T03:04:05Z")), table, "m1"));
            assertTrue(!TableNames.isHold(TableNames.hold(table, "m2", Instant.now()), table, "m1"), "another migration's");
            assertTrue(!TableNames.isHold(TableNames.old(table, "m1"), table, "m1"), "the old table");
        }
    }
}
