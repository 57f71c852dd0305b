package dev.twoway.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class StackOptionsTest {
    @Test
    void oneWorkerUnlessToldOtherwise() {
        assertEquals(1, StackOptions.parse().workers());
        assertEquals(3, StackOptions.parse("--workers", "3").workers());
    }

    @Test
    void aWorkerCountOutsideOneToSixteenIsRefusedWithTheRange() {
        for (String bad : new String[] {"0", "17", "two", "-1"}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StackOptions.parse("--workers", bad));
            assertTrue(e.getMessage().contains("from 1 to 16") && e.getMessage().contains("'" + bad + "'"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> StackOptions.parse("--workers"));
    }
}
