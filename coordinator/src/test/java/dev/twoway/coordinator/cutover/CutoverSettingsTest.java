package dev.twoway.coordinator.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CutoverSettingsTest {

    @Test
    void lockWaitTimeoutIsTheLockTimeoutRoundedUpToSeconds() {
        assertEquals(3, new CutoverSettings(3000, 0, 1, 0).lockWaitTimeoutSeconds());
        assertEquals(4, new CutoverSettings(3001, 0, 1, 0).lockWaitTimeoutSeconds());
        assertEquals(1, new CutoverSettings(100, 0, 1, 0).lockWaitTimeoutSeconds());
    }

    @Test
    void backoffDoublesAfterEachFailure() {
        CutoverSettings settings = new CutoverSettings(3000, 0, 5, 2000);
        assertEquals(0, settings.backoffAfter(0));
        assertEquals(2000, settings.backoffAfter(1));
        assertEquals(4000, settings.backoffAfter(2));
        assertEquals(8000, settings.backoffAfter(3));
    }

    @Test
    void aSwapWaitsForTheSinkAtMostHalfTheLockTimeout() {
        assertEquals(1500, new CutoverSettings(3000, 10_000, 5, 2000).swapCatchupMs());
        assertEquals(800, new CutoverSettings(3000, 800, 5, 2000).swapCatchupMs());
        assertEquals(5000, new CutoverSettings(10_000, 20_000, 5, 2000).swapCatchupMs());
    }
}
