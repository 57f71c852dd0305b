package dev.twoway.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MigrationState;

class NextStepTest {

    @Test
    void aMigrationWithoutRowIsAdmittedFirst() {
        for (Target target : Target.values()) {
            assertEquals(NextStep.ADMIT, NextStep.decide(null, target, true));
        }
    }

    @Test
    void queuedBuildsTheShadowAndRunningCopies() {
        assertEquals(NextStep.BUILD_SHADOW, NextStep.decide(MigrationState.QUEUED, Target.COMPLETE, true));
        assertEquals(NextStep.BUILD_SHADOW, NextStep.decide(MigrationState.QUEUED, Target.READY, true));
        assertEquals(NextStep.COPY, NextStep.decide(MigrationState.RUNNING, Target.COMPLETE, true));
        assertEquals(NextStep.COPY, NextStep.decide(MigrationState.RUNNING, Target.READY, true));
    }

    @Test
    void readyCutsOverOnlyWhenTargetIsCompleteAndAnAttemptIsDue() {
        assertEquals(NextStep.CUTOVER, NextStep.decide(MigrationState.READY, Target.COMPLETE, true));
        assertEquals(NextStep.SYNC, NextStep.decide(MigrationState.READY, Target.COMPLETE, false));
        assertEquals(NextStep.SYNC, NextStep.decide(MigrationState.READY, Target.READY, true));
    }

    @Test
    void cancelStopsEveryStateBeforeTheCutover() {
        assertEquals(NextStep.CANCEL, NextStep.decide(MigrationState.QUEUED, Target.CANCELLED, true));
        assertEquals(NextStep.CANCEL, NextStep.decide(MigrationState.RUNNING, Target.CANCELLED, true));
        assertEquals(NextStep.CANCEL, NextStep.decide(MigrationState.READY, Target.CANCELLED, false));
    }

    @Test
    void settledStatesDoNothing() {
        for (MigrationState state : new MigrationState[] {MigrationState.COMPLETE, MigrationState.FAILED,
                MigrationState.CANCELLED}) {
            for (Target target : Target.values()) {
                assertEquals(NextStep.IDLE, NextStep.decide(state, target, true), state + "/" + target);
            }
        }
    }
}
