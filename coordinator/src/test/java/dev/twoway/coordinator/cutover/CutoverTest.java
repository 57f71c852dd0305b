package dev.twoway.coordinator.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;

class CutoverTest {
    private static final long NOW = 5_000L;
    private static final long LOCK_TIMEOUT_MS = 3000;

    /** Records every step; each answer is a field a test sets. */
    static final class FakeSteps implements CutoverSteps {
        final List<String> calls = new ArrayList<>();
        boolean caughtUp = true;
        boolean reached = true;
        boolean renameWaits = true;
        boolean swapped = true;
        boolean handedOver = true;
        String failAt;
        String refusal;
        List<String> killed = List.of("connection 12 (app@h, 9 s idle in a transaction)");
        final List<Long> deadlines = new ArrayList<>();
        /** A clock each step moves on by what {@code takesMs} says it takes. */
        final Map<String, Long> takesMs = new HashMap<>();
        long nanos = NOW;

        private void call(String step) throws SQLException {
            calls.add(step);
            nanos += takesMs.getOrDefault(step, 0L) * 1_000_000L;
            if (step.equals(failAt)) {
                throw new SQLException(step + " broke");
            }
        }

        public boolean catchUp() throws SQLException {
            call("catchUp");
            return caughtUp;
        }

        public List<String> killBlockers(long deadlineNanos) throws SQLException {
            call("killBlockers");
            deadlines.add(deadlineNanos);
            return killed;
        }

        public void prepare() throws SQLException {
            call("prepare");
        }

        public void lock() throws SQLException {
            call("lock");
        }

        public List<Long> insertMarkers() throws SQLException {
            call("insertMarker");
            return List.of(17L);
        }

        public String gtidExecuted() throws SQLException {
            call("gtid");
            return "uuid:1-10";
        }

        public List<MarkerRow> awaitReached(List<Long> markerIds, long deadlineNanos) throws SQLException {
            call("awaitReached");
            deadlines.add(deadlineNanos);
            return reached ? List.of(new MarkerRow(markerIds.get(0), "m", MarkerKind.CUTOVER, "db", "t", "topic", 0,
                    99L, MarkerOutcome.PENDING)) : List.of();
        }

        public Optional<String> refusal() throws SQLException {
            call("refusal");
            return Optional.ofNullable(refusal);
        }

        public void recordFreezePoint(String gtid, List<MarkerRow> markers) throws SQLException {
            call("freeze " + gtid + " @" + markers.get(0).reachedOffset());
        }

        public void restoreFreezePoint() throws SQLException {
            call("restoreFreeze");
        }

        public void startRename() throws SQLException {
            call("startRename");
        }

        public boolean awaitRenameWaiting(long deadlineNanos) throws SQLException {
            call("awaitRenameWaiting");
            deadlines.add(deadlineNanos);
            return renameWaits;
        }

        public boolean releaseLocks(long deadlineNanos) throws SQLException {
            call("dropSentryAndUnlock");
            deadlines.add(deadlineNanos);
            return handedOver;
        }

        public boolean awaitSwapped() throws SQLException {
            call("awaitSwapped");
            return swapped;
        }

        public void settle(List<Long> markerIds, MarkerOutcome outcome) throws SQLException {
            call("settle " + String.join(",", markerIds.stream().map(String::valueOf).toList()) + " "
                    + outcome.wireName());
        }

        public void finish() throws SQLException {
            call("finish");
        }

        public void stage(String stage) {
            calls.add("stage");
        }

        public void cancelRename() throws SQLException {
            call("cancelRename");
        }

        public void unlock() throws SQLException {
            call("unlock");
        }

        public void dropSentry() throws SQLException {
            call("dropSentry");
        }

        public void close() {
            calls.add("close");
        }

        List<String> actions() {
            return calls.stream().filter(c -> !c.equals("stage")).toList();
        }
    }

    private static Cutover.Result run(FakeSteps steps) {
        return new Cutover(steps, LOCK_TIMEOUT_MS, 10_000, () -> NOW).attempt();
    }

    @Test
    void successfulCutoverLocksWaitsForTheSinkRenamesThenSettlesDoneAndFinishes() {
        FakeSteps steps = new FakeSteps();
        Cutover.Result result = run(steps);
        assertTrue(result.swapped());
        assertEquals(List.of("catchUp", "prepare", "lock", "insertMarker", "gtid", "awaitReached", "refusal", "freeze uuid:1-10 @99",
                "startRename", "awaitRenameWaiting", "dropSentryAndUnlock", "awaitSwapped", "settle 17 done",
                "finish", "close"), steps.actions());
    }

    @Test
    void aForcedAttemptKillsTheBlockersAfterTheCatchUpAndBeforeTheLock() {
        FakeSteps steps = new FakeSteps();
        Cutover cutover = new Cutover(steps, "cut-over", LOCK_TIMEOUT_MS, 10_000, true, () -> NOW);
        assertTrue(cutover.attempt().swapped());
        assertEquals(List.of("catchUp", "killBlockers", "prepare", "lock"), steps.actions().subList(0, 4));
        assertEquals(NOW + LOCK_TIMEOUT_MS * 1_000_000L, steps.deadlines.get(0), "the kill waits no longer than a lock");
        assertEquals("cut-over forced: killed connection 12 (app@h, 9 s idle in a transaction)", cutover.forced().get());
    }

    @Test
    void aForcedAttemptThatStillFailsSaysWhomItKilled() {
        FakeSteps steps = new FakeSteps();
        steps.failAt = "lock";
        Cutover.Result result = new Cutover(steps, "cut-over", LOCK_TIMEOUT_MS, 10_000, true, () -> NOW).attempt();
        assertFalse(result.swapped());
        assertTrue(result.reason().startsWith("cut-over forced: killed connection 12 (app@h, 9 s idle in a transaction); "
                + "then: cut-over failed under the lock: lock broke"), result.reason());
    }

    @Test
    void aKillThatFailsLeavesTheLockToTryAndSaysWhy() {
        FakeSteps steps = new FakeSteps();
        steps.failAt = "killBlockers";
        Cutover cutover = new Cutover(steps, "cut-over", LOCK_TIMEOUT_MS, 10_000, true, () -> NOW);
        assertTrue(cutover.attempt().swapped(), "no blocker left by the time of the lock");
        assertTrue(steps.actions().contains("lock"));
        assertEquals("cut-over forced, but the sessions holding the table could not be killed: killBlockers broke",
                cutover.forced().get());
    }

    @Test
    void anAttemptNotForcedKillsNothing() {
        FakeSteps steps = new FakeSteps();
        Cutover cutover = new Cutover(steps, "cut-over", LOCK_TIMEOUT_MS, 10_000, () -> NOW);
        cutover.attempt();
        assertFalse(steps.actions().contains("killBlockers"));
        assertTrue(cutover.forced().isEmpty());
    }

    @Test
    void everyWaitUnderTheLockSharesOneDeadlineOfTheLockTimeout() {
        FakeSteps steps = new FakeSteps();
        run(steps);
        long deadline = NOW + LOCK_TIMEOUT_MS * 1_000_000L;
        assertEquals(List.of(deadline, deadline, deadline), steps.deadlines);
    }

    @Test
    void sinkNotReachingTheMarkerAbortsItBeforeUnlocking() {
        FakeSteps steps = new FakeSteps();
        steps.reached = false;
        Cutover.Result result = run(steps);
        assertFalse(result.swapped());
        assertTrue(result.reason().contains("did not reach cut-over marker 17"), result.reason());
        assertTrue(result.locked());
        assertEquals(List.of("catchUp", "prepare", "lock", "insertMarker", "gtid", "awaitReached", "settle 17 aborted",
                "cancelRename", "unlock", "dropSentry", "restoreFreeze", "close"), steps.actions());
    }

    @Test
    void renameNotQueuedInTimeAbortsBeforeUnlockingAndNeverDropsTheSentryUnderIt() {
        FakeSteps steps = new FakeSteps();
        steps.renameWaits = false;
        assertFalse(run(steps).swapped());
        List<String> actions = steps.actions();
        assertTrue(actions.indexOf("settle 17 aborted") < actions.indexOf("unlock"), actions.toString());
        assertTrue(actions.indexOf("cancelRename") < actions.indexOf("unlock"), actions.toString());
        assertTrue(actions.indexOf("unlock") < actions.indexOf("dropSentry"), actions.toString());
        assertFalse(actions.contains("dropSentryAndUnlock"));
    }

    @Test
    void noCatchUpMeansNoLockAndNoRetrySpent() {
        FakeSteps steps = new FakeSteps();
        steps.caughtUp = false;
        Cutover.Result result = run(steps);
        assertFalse(result.swapped());
        assertFalse(result.locked());
        assertEquals(List.of("catchUp", "close"), steps.actions());
    }

    @Test
    void failingLockIsCleanedUpWithoutAMarker() {
        FakeSteps steps = new FakeSteps();
        steps.failAt = "lock";
        Cutover.Result result = run(steps);
        assertFalse(result.swapped());
        assertTrue(result.reason().contains("lock broke"), result.reason());
        assertEquals(List.of("catchUp", "prepare", "lock", "cancelRename", "unlock", "dropSentry", "restoreFreeze", "close"),
                steps.actions());
    }

    @Test
    void renameThatDidNotSwapIsAborted() {
        FakeSteps steps = new FakeSteps();
        steps.swapped = false;
        assertFalse(run(steps).swapped());
        List<String> actions = steps.actions();
        assertTrue(actions.contains("settle 17 aborted"));
        assertFalse(actions.contains("finish"));
    }

    @Test
    void aRevertRunsTheSameStepsAndNamesItselfInItsReasons() {
        FakeSteps forward = new FakeSteps();
        FakeSteps backward = new FakeSteps();
        run(forward);
        new Cutover(backward, "revert", LOCK_TIMEOUT_MS, 10_000, () -> NOW).attempt();
        assertEquals(forward.actions(), backward.actions());

        FakeSteps unreached = new FakeSteps();
        unreached.reached = false;
        Cutover.Result result = new Cutover(unreached, "revert", LOCK_TIMEOUT_MS, 10_000, () -> NOW).attempt();
        assertTrue(result.reason().contains("did not reach revert marker 17"), result.reason());
    }

    @Test
    void aRevertWhoseInverseStreamStoppedBeforeTheMarkerIsAbortedUnderTheLock() {
        FakeSteps steps = new FakeSteps();
        steps.refusal = "not revertible: column name cannot hold the value";
        Cutover.Result result = new Cutover(steps, "revert", LOCK_TIMEOUT_MS, 10_000, () -> NOW).attempt();
        assertFalse(result.swapped());
        assertEquals(steps.refusal, result.reason());
        assertEquals(List.of("catchUp", "prepare", "lock", "insertMarker", "gtid", "awaitReached", "refusal", "settle 17 aborted",
                "cancelRename", "unlock", "dropSentry", "restoreFreeze", "close"), steps.actions());
    }

    @Test
    void failedUnlockLetsTheTablesDecide() {
        FakeSteps steps = new FakeSteps();
        steps.failAt = "dropSentryAndUnlock";
        assertTrue(run(steps).swapped());
        List<String> actions = steps.actions();
        assertTrue(actions.indexOf("unlock") < actions.indexOf("awaitSwapped"), actions.toString());
        assertTrue(actions.contains("settle 17 done"));
    }

    @Test
    void aTableTheRenameCannotBeHandedInTimeAbortsTheGroupWhileItsSentryStands() {
        FakeSteps steps = new FakeSteps();
        steps.handedOver = false;
        Cutover.Result result = run(steps);
        assertFalse(result.swapped());
        assertTrue(result.reason().contains("did not take every table"), result.reason());
        List<String> actions = steps.actions();
        assertEquals(List.of("dropSentryAndUnlock", "settle 17 aborted", "cancelRename", "unlock", "dropSentry",
                "restoreFreeze", "close"), actions.subList(actions.indexOf("dropSentryAndUnlock"), actions.size()));
    }

    /** Every step takes 10 ms, the sink's catch-up before the lock 500 ms, and so does all after the release. */
    private static FakeSteps timed() {
        FakeSteps steps = new FakeSteps();
        for (String step : List.of("lock", "insertMarker", "gtid", "awaitReached", "refusal", "startRename",
                "awaitRenameWaiting", "dropSentryAndUnlock", "awaitSwapped", "cancelRename", "unlock")) {
            steps.takesMs.put(step, 10L);
        }
        for (String step : List.of("catchUp", "settle 17 done", "settle 17 aborted", "finish", "dropSentry",
                "restoreFreeze")) {
            steps.takesMs.put(step, 500L);
        }
        return steps;
    }

    @Test
    void writersAreBlockedFromTheLockRequestUntilTheRenameRanNotDuringTheCatchUpOrTheBookkeeping() {
        FakeSteps steps = timed();
        Cutover cutover = new Cutover(steps, LOCK_TIMEOUT_MS, 10_000, () -> steps.nanos);
        assertTrue(cutover.attempt().swapped());
        // lock .. awaitSwapped: 9 steps of 10 ms; the lock itself is requested at its start.
        assertEquals(OptionalLong.of(90), cutover.writersBlockedMs());
    }

    @Test
    void openingTheSwapsConnectionsAndCreatingTheSentriesIsNotCountedAsTheLocksNorTakenFromItsTimeout() {
        FakeSteps steps = timed();
        steps.takesMs.put("prepare", 800L); // seen: 0.75-1.3 s on a loaded machine, before the LOCK TABLES
        Cutover cutover = new Cutover(steps, LOCK_TIMEOUT_MS, 10_000, () -> steps.nanos);
        assertTrue(cutover.attempt().swapped());
        assertEquals(OptionalLong.of(90), cutover.writersBlockedMs());
        long lockRequested = NOW + (500 + 800) * 1_000_000L; // after the catch-up and the preparation
        assertEquals(lockRequested + LOCK_TIMEOUT_MS * 1_000_000L, steps.deadlines.get(0), "the sink's whole lock timeout");
    }

    @Test
    void aFailedPreparationAbortsWithoutAMarkerAndBlockedNoWriter() {
        FakeSteps steps = new FakeSteps();
        steps.failAt = "prepare";
        Cutover cutover = new Cutover(steps, LOCK_TIMEOUT_MS, 10_000, () -> NOW);
        Cutover.Result result = cutover.attempt();
        assertFalse(result.swapped());
        assertEquals("cut-over failed before the lock: prepare broke", result.reason());
        assertEquals(List.of("catchUp", "prepare", "cancelRename", "unlock", "dropSentry", "restoreFreeze", "close"),
                steps.actions());
        assertEquals(OptionalLong.empty(), cutover.writersBlockedMs());
    }

    @Test
    void anAbortedSwapBlocksWritersUntilTheLockIsGivenUp() {
        FakeSteps steps = timed();
        steps.reached = false;
        Cutover cutover = new Cutover(steps, LOCK_TIMEOUT_MS, 10_000, () -> steps.nanos);
        assertFalse(cutover.attempt().swapped());
        // lock, insertMarker, gtid, awaitReached, (settle aborted: 500 ms under the lock), cancelRename, unlock.
        assertEquals(OptionalLong.of(560), cutover.writersBlockedMs());
    }

    @Test
    void anAttemptThatNeverLockedBlockedNoWriter() {
        FakeSteps steps = timed();
        steps.caughtUp = false;
        Cutover cutover = new Cutover(steps, LOCK_TIMEOUT_MS, 10_000, () -> steps.nanos);
        cutover.attempt();
        assertEquals(OptionalLong.empty(), cutover.writersBlockedMs());
    }
}
