package dev.twoway.coordinator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.reconcile.NextStep.Facts;
import dev.twoway.core.state.MigrationState;

class NextStepTest {
    private static final Facts DUE = Facts.beforeCutover(true);
    private static final Facts NOT_DUE = Facts.beforeCutover(false);
    private static final Facts CLOSED = new Facts(true, true, true);
    private static final Facts LOSSY = new Facts(true, false, false);

    private static NextStep decide(MigrationState state, Target target, Facts facts) {
        return NextStep.decide(state, target, facts);
    }

    @Test
    void aMigrationWithoutRowIsAdmittedFirst() {
        for (Target target : Target.values()) {
            assertEquals(NextStep.ADMIT, decide(null, target, DUE));
        }
    }

    @Test
    void queuedBuildsTheShadowAndRunningCopies() {
        for (Target target : new Target[] {Target.COMPLETE, Target.READY, Target.REVERTED}) {
            assertEquals(NextStep.BUILD_SHADOW, decide(MigrationState.QUEUED, target, DUE));
            assertEquals(NextStep.COPY, decide(MigrationState.RUNNING, target, DUE));
        }
    }

    @Test
    void readyCutsOverOnlyWhenTargetIsCompleteAndAnAttemptIsDue() {
        assertEquals(NextStep.CUTOVER, decide(MigrationState.READY, Target.COMPLETE, DUE));
        assertEquals(NextStep.SYNC, decide(MigrationState.READY, Target.COMPLETE, NOT_DUE));
        assertEquals(NextStep.SYNC, decide(MigrationState.READY, Target.READY, DUE));
    }

    @Test
    void cancelStopsEveryStateBeforeTheCutover() {
        assertEquals(NextStep.CANCEL, decide(MigrationState.QUEUED, Target.CANCELLED, DUE));
        assertEquals(NextStep.CANCEL, decide(MigrationState.RUNNING, Target.CANCELLED, DUE));
        assertEquals(NextStep.CANCEL, decide(MigrationState.READY, Target.CANCELLED, NOT_DUE));
    }

    @Test
    void completeRevertsOnlyWhenRevertibleAndAnAttemptIsDue() {
        assertEquals(NextStep.REVERT, decide(MigrationState.COMPLETE, Target.REVERTED, DUE));
        assertEquals(NextStep.IDLE, decide(MigrationState.COMPLETE, Target.REVERTED, NOT_DUE));
        assertEquals(NextStep.REFUSE_REVERT, decide(MigrationState.COMPLETE, Target.REVERTED, LOSSY));
        assertEquals(NextStep.IDLE, decide(MigrationState.COMPLETE, Target.COMPLETE, LOSSY));
    }

    @Test
    void revertedReappliesWithTheForwardCutoverWhenTargetIsCompleteAgain() {
        assertEquals(NextStep.CUTOVER, decide(MigrationState.REVERTED, Target.COMPLETE, DUE));
        assertEquals(NextStep.IDLE, decide(MigrationState.REVERTED, Target.COMPLETE, NOT_DUE));
        assertEquals(NextStep.IDLE, decide(MigrationState.REVERTED, Target.REVERTED, DUE));
    }

    @Test
    void aReappliedNewTableThatMissedAWriteIsRefusedNotSwappedIn() {
        assertEquals(NextStep.REFUSE_REAPPLY, decide(MigrationState.REVERTED, Target.COMPLETE, LOSSY));
        assertEquals(NextStep.IDLE, decide(MigrationState.REVERTED, Target.REVERTED, LOSSY));
    }

    @Test
    void closedWindowFinalizesWhicheverSchemaIsLiveWhateverTheTarget() {
        for (Target target : Target.values()) {
            assertEquals(NextStep.FINALIZE, decide(MigrationState.COMPLETE, target, CLOSED), target.toString());
            assertEquals(NextStep.FINALIZE, decide(MigrationState.REVERTED, target, CLOSED), target.toString());
        }
        assertEquals(NextStep.FINALIZE, decide(MigrationState.COMPLETE, Target.REVERTED,
                new Facts(true, true, false)), "a migration that is not revertible is finalized too");
    }

    @Test
    void revertIsRefusedBeforeTheCutoverAndOnceFinalized() {
        assertEquals(NextStep.REFUSE_REVERT, decide(MigrationState.READY, Target.REVERTED, DUE));
        assertEquals(NextStep.REFUSE_REVERT, decide(MigrationState.FINALIZED, Target.REVERTED, CLOSED));
        assertEquals(NextStep.IDLE, decide(MigrationState.FINALIZED, Target.COMPLETE, CLOSED));
    }

    @Test
    void settledStatesDoNothing() {
        for (MigrationState state : new MigrationState[] {MigrationState.FAILED, MigrationState.CANCELLED}) {
            for (Target target : Target.values()) {
                assertEquals(NextStep.IDLE, decide(state, target, DUE), state + "/" + target);
            }
        }
        for (Target target : new Target[] {Target.COMPLETE, Target.READY, Target.CANCELLED}) {
            assertEquals(NextStep.IDLE, decide(MigrationState.COMPLETE, target, DUE), target.toString());
        }
    }
}
