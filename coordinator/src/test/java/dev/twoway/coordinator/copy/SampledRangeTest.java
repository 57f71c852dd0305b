package dev.twoway.coordinator.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.CopyKeyRangeStore;

class SampledRangeTest {
    @Test
    void aPlannedRangeKeepsItsBoundsExactlyAndHasCopiedNothing() {
        byte[] uuid = {0, 1, 2, (byte) 0xff, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, (byte) 0x80};
        List<Object> after = List.of(new BigInteger("18446744073709551615"), "Ab", uuid);
        CopyKeyRangeStore.Range stored = SampledRange.planned(3, after, List.of(1L, "b", uuid));
        SampledRange range = new SampledRange(stored, 1_000, null);

        assertEquals(3, range.number());
        assertEquals(after.get(0), range.after().get(0));
        assertEquals("Ab", range.after().get(1), "text as the table gave it: MySQL compares it by its collation");
        assertEquals(List.of(uuid[0], uuid[3], uuid[15]), List.of(((byte[]) range.end().get(2))[0],
                ((byte[]) range.end().get(2))[3], ((byte[]) range.end().get(2))[15]));
        assertNull(range.last());
        assertFalse(range.done());
        assertEquals(0, range.keysLeft(), "never split");
        assertTrue(range.split(null, 9).isEmpty());
    }

    @Test
    void theFrontierStopsBeforeASampledRangeThatHasNotBegun() {
        SampledRange first = new SampledRange(new CopyKeyRangeStore.Range(0, null, "[\"b\"]", "[\"b\"]", true, 5), 10, null);
        SampledRange second = new SampledRange(new CopyKeyRangeStore.Range(1, "[\"b\"]", "[\"d\"]", null, false, 0), 10, null);
        SampledRange third = new SampledRange(new CopyKeyRangeStore.Range(2, "[\"d\"]", "[\"f\"]", "[\"e\"]", false, 3), 10, null);

        assertEquals(List.of("b"), RangeCopy.frontier(List.of(first, second, third)));
        SampledRange notBegun = new SampledRange(new CopyKeyRangeStore.Range(0, null, "[\"b\"]", null, false, 0), 10, null);
        assertNull(RangeCopy.frontier(List.of(notBegun, third)), "nothing copied from the start");
        assertEquals(List.of("e"), RangeCopy.frontier(List.of(first, third)));
    }

    @Test
    void droppingEveryOtherBoundKeepsThoseTwiceTheStepApart() {
        assertEquals(List.of(2, 4, 6), KeySampler.everyOther(List.of(1, 2, 3, 4, 5, 6)));
        assertEquals(List.of(2), KeySampler.everyOther(List.of(1, 2, 3)));
    }
}
