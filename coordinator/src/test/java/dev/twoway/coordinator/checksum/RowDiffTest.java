package dev.twoway.coordinator.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class RowDiffTest {
    @Test
    void equalChunksHaveNoDifference() {
        assertEquals(List.of(), RowDiff.differing(rows("[1]", 10L, "[2]", 20L), rows("[1]", 10L, "[2]", 20L), "t", "s", 5));
    }

    @Test
    void namesRowsWhoseValuesDifferAndRowsOnOneSideOnlyInKeyOrder() {
        Map<String, Long> live = rows("[1]", 10L, "[2]", 20L, "[3]", 30L, "[5]", 50L);
        Map<String, Long> written = rows("[1]", 10L, "[2]", 21L, "[4]", 40L, "[5]", 50L);
        assertEquals(List.of("[2] (values differ)", "[3] (only in t)", "[4] (only in s)"),
                RowDiff.differing(live, written, "t", "s", 5));
    }

    @Test
    void namesAtMostTheLimit() {
        Map<String, Long> live = rows("[1]", 1L, "[2]", 2L, "[3]", 3L);
        Map<String, Long> written = rows("[1]", 9L, "[2]", 9L, "[3]", 9L);
        assertEquals(List.of("[1] (values differ)", "[2] (values differ)"), RowDiff.differing(live, written, "t", "s", 2));
    }

    private static Map<String, Long> rows(Object... keysAndHashes) {
        Map<String, Long> rows = new LinkedHashMap<>();
        for (int i = 0; i < keysAndHashes.length; i += 2) {
            rows.put((String) keysAndHashes[i], (Long) keysAndHashes[i + 1]);
        }
        return rows;
    }
}
