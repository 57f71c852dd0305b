package dev.twoway.coordinator.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class KeyRangeTest {
    private static final long FAST = 100_000_000L; // a fifth of the sizer's half-second target: chunks would double

    private static KeyRange range(long after, long end, int chunkRows) {
        return new KeyRange(0, after, end, after, 0, new ChunkSizer(chunkRows));
    }

    @Test
    void aDenseKeyIsCutIntoChunksOfTheRequestedRowsUpToTheRangesEnd() {
        KeyRange range = range(0, 2_500, 1_000);
        assertEquals(1_000, range.nextChunkEnd());
        range.copied(1_000, 1_000, ChunkSizer.TARGET_NANOS);
        assertEquals(2_000, range.nextChunkEnd());
        range.copied(2_000, 1_000, ChunkSizer.TARGET_NANOS);
        assertEquals(2_500, range.nextChunkEnd(), "the last chunk stops at the range's end");
        range.copied(2_500, 500, ChunkSizer.TARGET_NANOS);
        assertTrue(range.done());
        assertEquals(2_500, range.rows());
    }

    @Test
    void aSparseKeyWidensTheChunksAtMostFourfoldPerChunk() {
        KeyRange range = range(0, 10_000_000, 1_000);
        range.copied(1_000, 10, ChunkSizer.TARGET_NANOS);
        assertEquals(5_000, range.nextChunkEnd());
    }

    @Test
    void aSplitGivesTheUpperHalfOfWhatIsLeftToANewRangeThatGoesOnAtTheSameDensity() {
        KeyRange range = range(0, 1_000_000, 1_000);
        range.copied(100_000, 10_000, ChunkSizer.TARGET_NANOS);
        KeyRange upper = range.split(7).orElseThrow();
        assertEquals(550_000, range.end());
        assertEquals(7, upper.number());
        assertEquals(550_000, upper.after());
        assertEquals(550_000, upper.last());
        assertEquals(1_000_000, upper.end());
        assertEquals(0, upper.rows());
        assertEquals(range.nextChunkEnd() - range.last(), upper.nextChunkEnd() - upper.last(),
                "the same density: chunks as wide as the lower half's");
    }

    @Test
    void aSplitWhileAChunkIsCopiedGivesAwayHalfOfWhatIsLeftAboveIt() {
        KeyRange range = range(0, 100_000, 1_000);
        long chunkEnd = range.claim();
        assertEquals(1_000, chunkEnd);
        KeyRange upper = range.split(1).orElseThrow();
        assertEquals(50_500, upper.after(), "halfway between the claimed chunk's end and the range's end");
        assertEquals(50_500, range.end());
        range.copied(chunkEnd, 1_000, ChunkSizer.TARGET_NANOS);
        assertEquals(2_000, range.claim(), "the owner goes on below the split");
    }

    @Test
    void aRangeWithLessThanTwoChunksLeftIsNotSplit() {
        KeyRange range = range(0, 1_999, 1_000);
        assertTrue(range.split(1).isEmpty());
        assertEquals(1_999, range.end());
        assertTrue(range(0, 2_000, 1_000).split(1).isPresent());
    }

    @Test
    void theNewRangeGoesOnWithTheChunkSizeLearnt() {
        KeyRange range = range(0, 10_000_000, 1_000);
        range.copied(1_000, 1_000, FAST);
        assertEquals(3_000, range.nextChunkEnd(), "fast chunks double");
        KeyRange upper = range.split(1).orElseThrow();
        assertEquals(upper.last() + 2_000, upper.nextChunkEnd());
    }

    @Test
    void theFrontierIsTheLastKeyBeforeTheFirstRangeNotDone() {
        KeyRange first = new KeyRange(0, 0, 100, 100, 100, new ChunkSizer(10));
        KeyRange second = new KeyRange(1, 100, 200, 150, 50, new ChunkSizer(10));
        KeyRange third = new KeyRange(2, 200, 300, 300, 100, new ChunkSizer(10));
        assertEquals(List.of(150L), frontier(first, second, third));
        assertEquals(List.of(0L), frontier(new KeyRange(0, 0, 100, 0, 0, new ChunkSizer(10)), third),
                "nothing is copied before a range that has not begun");
        assertEquals(List.of(300L), frontier(first, new KeyRange(1, 100, 200, 200, 0, new ChunkSizer(10)), third));
        assertFalse(second.done());
    }

    private static List<Object> frontier(KeyRange... ranges) {
        return RangeCopy.frontier(java.util.Arrays.stream(ranges).map(r -> new IntegerRange(r, null)).toList());
    }
}
