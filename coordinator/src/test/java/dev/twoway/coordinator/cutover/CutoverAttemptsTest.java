package dev.twoway.coordinator.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.cutover.CutoverSettings;

class CutoverAttemptsTest {

    @Test
    void attemptsWaitADoublingBackoffAndStopAfterTheRetries() {
        AtomicLong now = new AtomicLong(0);
        CutoverAttempts attempts = new CutoverAttempts(new CutoverSettings(3000, 1000, 3, 2000), now::get);
        assertTrue(attempts.due());
        assertEquals(2000, attempts.failed());
        assertFalse(attempts.due());
        now.set(2000);
        assertTrue(attempts.due());
        assertEquals(4000, attempts.failed());
        now.set(5999);
        assertFalse(attempts.due());
        now.set(6000);
        assertTrue(attempts.due());
        assertEquals(0, attempts.failed());
        assertTrue(attempts.exhausted());
        now.set(1_000_000);
        assertFalse(attempts.due());
    }
}
