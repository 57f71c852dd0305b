package dev.twoway.stack.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

class OutcomeTest {
    private static StateRow row(String state, String stage, String message) {
        return new StateRow("m1", "demo", "users", state, stage, 10, 10, 0L, 5L, true,
                Instant.parse("2026-12-02T10:30:00Z"), message, Instant.parse("2026-12-02T10:00:00Z"));
    }

    @Test
    void theTargetsStateIsReached() {
        Outcome revert = new Outcome("reverted", row("complete", "complete: cut over", null));
        assertEquals(Outcome.Verdict.ON_THE_WAY, revert.judge(Optional.of(row("complete", "revert: locking the table", null))));
        Outcome.Verdict verdict = revert.judge(Optional.of(row("reverted", "reverted", null)));
        assertTrue(verdict.done() && verdict.reached(), verdict.toString());
    }

    @Test
    void aFailedMigrationEndsItWithItsMessage() {
        Outcome.Verdict verdict = new Outcome("complete", null).judge(Optional.of(row("failed", "failed", "copy refused")));
        assertTrue(verdict.done());
        assertFalse(verdict.reached());
        assertTrue(verdict.reason().contains("copy refused"), verdict.reason());
    }

    @Test
    void aSwapThatGaveUpEndsItButOnlyWhenItGaveUpAfterTheRequest() {
        StateRow gaveUp = row("ready", "ready: cut-over gave up after 5 attempts", "cut-over gave up after 5 attempts");
        assertFalse(new Outcome("complete", gaveUp).judge(Optional.of(gaveUp)).done(),
                "what the row said before the request says nothing about it");
        Outcome.Verdict verdict = new Outcome("complete", row("ready", "ready: lag 5 ms", null)).judge(Optional.of(gaveUp));
        assertTrue(verdict.done() && !verdict.reached(), verdict.toString());
    }

    @Test
    void aRevertTheReconcilerRefusedEndsIt() {
        StateRow refused = row("complete", "complete: revert refused", "revert refused: not revertible: column x");
        Outcome.Verdict verdict = new Outcome("reverted", row("complete", "complete", null)).judge(Optional.of(refused));
        assertTrue(verdict.done() && !verdict.reached());
        assertTrue(verdict.reason().contains("not revertible"), verdict.reason());
    }

    @Test
    void aFinalizedMigrationSettlesAWatchButNotARevert() {
        StateRow finalized = row("finalized", "finalized", null);
        assertTrue(Outcome.settling("complete").judge(Optional.of(finalized)).reached());
        Outcome.Verdict revert = new Outcome("reverted", row("complete", "complete", null)).judge(Optional.of(finalized));
        assertTrue(revert.done() && !revert.reached());
        assertFalse(Outcome.settling("ready").judge(Optional.of(row("running", "copying", null))).done());
    }

    @Test
    void noRowYetIsOnTheWay() {
        assertFalse(new Outcome("complete", null).judge(Optional.empty()).done());
    }
}
