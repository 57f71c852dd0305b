package dev.twoway.coordinator.copy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class ChunkSizerTest {
    private static final long MS = 1_000_000L;

    @Test
    void fastChunksGrowAtMostTwofoldUpToFourTimesTheConfiguredSize() {
        ChunkSizer sizer = new ChunkSizer(1000);
        sizer.observe(1000, 10 * MS);
        assertEquals(2000, sizer.size());
        sizer.observe(2000, 10 * MS);
        sizer.observe(4000, 10 * MS);
        assertEquals(4000, sizer.size());
    }

    @Test
    void slowChunksShrinkTowardHalfASecondDownToATenth() {
        ChunkSizer sizer = new ChunkSizer(1000);
        sizer.observe(1000, 750 * MS);
        assertEquals(667, sizer.size());
        for (int i = 0; i < 10; i++) {
            sizer.observe(sizer.size(), 5000 * MS);
        }
        assertEquals(100, sizer.size());
    }

    @Test
    void aShortLastChunkTeachesNothing() {
        ChunkSizer sizer = new ChunkSizer(1000);
        sizer.observe(10, 1 * MS);
        assertEquals(1000, sizer.size());
    }
}
