package dev.twoway.coordinator.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Constructor;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class IntegerKeyRangesTest {

    private static IntegerKeyRanges ranges(long min, long max) throws Exception {
        Constructor<IntegerKeyRanges> c = IntegerKeyRanges.class.getDeclaredConstructor(long.class, long.class);
        c.setAccessible(true);
        return c.newInstance(min, max);
    }

    @Test
    void aDenseKeyIsCutIntoRangesOfTheRequestedRowsUpToTheLargestKey() throws Exception {
        IntegerKeyRanges ranges = ranges(1, 2_500);
        assertEquals(Optional.of(List.<Object>of(1_000L)), ranges.next(null, 1_000));
        ranges.observe(null, List.of(1_000L), 1_000);
        assertEquals(Optional.of(List.<Object>of(2_000L)), ranges.next(List.of(1_000L), 1_000));
        assertEquals(Optional.of(List.<Object>of(2_500L)), ranges.next(List.of(2_000L), 1_000), "the last range stops at the max");
        assertTrue(ranges.next(List.of(2_500L), 1_000).isEmpty(), "nothing after the largest key");
    }

    @Test
    void aSparseKeyWidensTheRangesAtMostFourfoldPerChunk() throws Exception {
        IntegerKeyRanges ranges = ranges(1, 10_000_000);
        ranges.observe(null, List.of(1_000L), 10);
        assertEquals(Optional.of(List.<Object>of(5_000L)), ranges.next(List.of(1_000L), 1_000));
    }

    @Test
    void rangesStartJustBelowTheSmallestKey() throws Exception {
        assertEquals(Optional.of(List.<Object>of(5_000_099L)), ranges(5_000_000, 9_000_000).next(null, 100));
    }
}
