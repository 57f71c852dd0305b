package dev.twoway.coordinator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class StepRetriesTest {
    private static final SQLException MISSING = new SQLException("Table 'shop.t_tw000000_new' doesn't exist", "42S02", 1146);
    private static final SQLException LOCK_WAIT = new SQLException("Lock wait timeout exceeded", "HY000", 1205);

    @Test
    void theDelayDoublesFromTheFirstUpToTheCapAndTheLastAttemptGivesUp() {
        StepRetries retries = new StepRetries(8, 500, 30_000);
        List<Long> delays = new ArrayList<>();
        StepRetries.Verdict verdict;
        do {
            verdict = retries.failed("copy", MISSING);
            delays.add(verdict.delayMs());
        } while (!verdict.giveUp());
        assertEquals(8, verdict.attempt());
        assertEquals(List.of(500L, 1_000L, 2_000L, 4_000L, 8_000L, 16_000L, 30_000L, 30_000L), delays);
    }

    @Test
    void transientErrorsBackOffAlikeButUseUpNoAttempt() {
        StepRetries retries = new StepRetries(3, 100, 1_000);
        for (int i = 0; i < 50; i++) {
            StepRetries.Verdict verdict = retries.failed("copy", LOCK_WAIT);
            assertTrue(verdict.transientError());
            assertFalse(verdict.giveUp(), "a lock wait timeout never fails the migration");
            assertEquals(0, verdict.attempt());
        }
        assertEquals(1_000, retries.failed("copy", LOCK_WAIT).delayMs(), "capped");
        assertFalse(retries.failed("copy", MISSING).giveUp());
        assertFalse(retries.failed("copy", MISSING).giveUp());
        assertTrue(retries.failed("copy", MISSING).giveUp(), "three failures about the migration");
    }

    @Test
    void onlyTheFailingStepSucceedingStartsTheCountAgain() {
        StepRetries retries = new StepRetries(3, 100, 1_000);
        retries.failed("cut-over", MISSING);
        retries.failed("cut-over", MISSING);
        assertFalse(retries.succeeded("sync"), "a sync tick between two failing cut-overs");
        assertTrue(retries.failed("cut-over", MISSING).giveUp());
        assertTrue(retries.succeeded("cut-over"));
        StepRetries.Verdict fresh = retries.failed("cut-over", MISSING);
        assertEquals(1, fresh.attempt());
        assertEquals(100, fresh.delayMs());
        assertTrue(fresh.newError(), "the first failure after a success is logged again");
    }

    @Test
    void anErrorIsNewOnlyWhenItsClassOrMessageChanges() {
        StepRetries retries = new StepRetries(10, 100, 1_000);
        assertTrue(retries.failed("copy", MISSING).newError());
        assertFalse(retries.failed("copy", new SQLException(MISSING.getMessage(), "42S02", 1146)).newError());
        assertTrue(retries.failed("copy", LOCK_WAIT).newError());
        assertTrue(retries.failed("copy", new IllegalStateException("x")).newError());
    }
}
