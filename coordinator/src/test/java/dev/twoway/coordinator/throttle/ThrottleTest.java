package dev.twoway.coordinator.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ThrottleTest {
    private static final long MS = 1_000_000L;

    private static Reading threads(long value) {
        return Reading.of("Threads_running", value, 32, "");
    }

    @Test
    void readingsWithinTheirLimitsLetTheCopyGo() {
        Throttle throttle = new Throttle(2_000);
        Throttle.Verdict verdict = throttle.decide(false, List.of(threads(32), Reading.of("sink lag", 10, 60_000, "ms")),
                0);
        assertFalse(verdict.throttled());
    }

    @Test
    void aReadingOverItsLimitThrottlesWithItsFigures() {
        Throttle.Verdict verdict = new Throttle(2_000).decide(false, List.of(Reading.of("sink lag", 1, 60_000, "ms"),
                threads(64)), 5 * MS);
        assertTrue(verdict.throttled());
        assertEquals("Threads_running 64 > 32", verdict.reason());
        assertEquals(5 * MS, verdict.sinceNanos());
        assertEquals("copy throttled: Threads_running 64 > 32 (for 4.1 s)", verdict.stage("copy", 4_105 * MS + 5 * MS,
                null));
    }

    @Test
    void theStretchKeepsItsStartWhileTheReasonChanges() {
        Throttle throttle = new Throttle(0);
        throttle.decide(false, List.of(threads(64)), 100 * MS);
        Throttle.Verdict later = throttle.decide(false, List.of(threads(10),
                Reading.of("replica r1:3306 lag", 12_000, 10_000, "ms")), 900 * MS);
        assertEquals(100 * MS, later.sinceNanos());
        assertEquals("replica r1:3306 lag 12,000 ms > 10,000 ms", later.reason());
    }

    @Test
    void itStaysThrottledForTheShortestPauseThenResumes() {
        Throttle throttle = new Throttle(2_000);
        throttle.decide(false, List.of(threads(64)), 0);
        assertTrue(throttle.decide(false, List.of(threads(3)), 1_999 * MS).throttled(),
                "a figure back under its limit within the shortest pause must not resume the copy");
        assertFalse(throttle.decide(false, List.of(threads(3)), 2_000 * MS).throttled());
        Throttle.Verdict again = throttle.decide(false, List.of(threads(40)), 2_100 * MS);
        assertTrue(again.throttled());
        assertEquals(2_100 * MS, again.sinceNanos(), "a new stretch starts when it trips again");
    }

    @Test
    void theOperatorsPauseHoldsWhateverTheReadings() {
        Throttle throttle = new Throttle(0);
        Throttle.Verdict verdict = throttle.decide(true, List.of(), 0);
        assertTrue(verdict.throttled());
        assertEquals("copy throttled: paused by the operator (migration.throttle.paused=true) (for 0.0 s)",
                verdict.stage("copy", 0, null));
        assertFalse(throttle.decide(false, List.of(threads(1)), 1).throttled());
    }

    @Test
    void anUnreadableFigureThrottlesAndSaysWhy() {
        Throttle.Verdict verdict = new Throttle(0).decide(false, List.of(Reading.unreadable("replica r1:3306 lag",
                "Communications link failure")), 0);
        assertTrue(verdict.throttled());
        assertEquals("replica r1:3306 lag cannot be read: Communications link failure", verdict.reason());
    }

    @Test
    void theStageFitsTheStateRowCuttingTheReasonShort() {
        Throttle.Verdict verdict = new Throttle(0).decide(false, List.of(Reading.unreadable("replica r1 lag",
                "x".repeat(400))), 0);
        String stage = verdict.stage("copy", 1_000 * MS, "copying 1,000 of 2,000 rows");
        assertEquals(Throttle.STAGE_CHARS, stage.length());
        assertTrue(stage.startsWith("copy throttled: replica r1 lag cannot be read: xxx"), stage);
        assertTrue(stage.endsWith("… (for 1.0 s); copying 1,000 of 2,000 rows"), stage);
    }
}
