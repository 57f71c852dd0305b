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

    @Test
    void aSwapIsForcedOnceBlockedThatLongSinceItsFirstFailedAttemptBegan() {
        AtomicLong now = new AtomicLong(1_000);
        CutoverAttempts attempts = new CutoverAttempts(new CutoverSettings(3000, 1000, 10, 500, 5000), now::get);
        attempts.began();
        assertFalse(attempts.forceDue(), "a first attempt is never forced");
        now.set(4_000);
        attempts.failed(); // the first attempt, begun at 1000, timed out
        assertEquals(3_000, attempts.blockedMs());
        now.set(5_999);
        attempts.began();
        assertFalse(attempts.forceDue(), "blocked 4999 ms of 5000");
        attempts.failed();
        now.set(6_000);
        assertTrue(attempts.forceDue(), "blocked 5000 ms since the first failed attempt began");
        attempts.reset();
        assertFalse(attempts.forceDue(), "the next swap starts unblocked");
        assertEquals(0, attempts.blockedMs());
    }

    @Test
    void withForceOffNoAttemptIsEverForced() {
        AtomicLong now = new AtomicLong(0);
        CutoverAttempts attempts = new CutoverAttempts(new CutoverSettings(3000, 1000, 10, 500), now::get);
        attempts.began();
        attempts.failed();
        now.set(Long.MAX_VALUE / 2);
        assertFalse(attempts.forceDue());
    }
}
