package dev.twoway.coordinator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MigrationState;

class GroupStepTest {
    private static final NextStep.Facts DUE = NextStep.Facts.beforeCutover(true);

    @Test
    void aRequestOfOneIsDecidedAsASingleMigration() {
        for (MigrationState state : MigrationState.values()) {
            for (Target target : Target.values()) {
                for (NextStep.Facts facts : List.of(DUE, new NextStep.Facts(false, true, false),
                        new NextStep.Facts(true, false, true))) {
                    assertEquals(NextStep.decide(state, target, facts), GroupStep.decide(List.of(state), target, facts),
                            state + " " + target + " " + facts);
                }
            }
        }
    }

    @Test
    void membersCopySideBySideAndTheRequestWaitsAtReadyUntilEveryOneIs() {
        assertEquals(NextStep.MEMBERS, GroupStep.decide(List.of(MigrationState.READY, MigrationState.RUNNING),
                Target.COMPLETE, DUE));
        assertEquals(NextStep.MEMBERS, GroupStep.decide(List.of(MigrationState.QUEUED, MigrationState.READY),
                Target.COMPLETE, DUE));
        assertEquals(NextStep.CUTOVER, GroupStep.decide(List.of(MigrationState.READY, MigrationState.READY),
                Target.COMPLETE, DUE));
        assertEquals(NextStep.SYNC, GroupStep.decide(List.of(MigrationState.READY, MigrationState.READY),
                Target.READY, DUE));
    }

    @Test
    void oneMemberFailedBeforeTheCutoverFailsTheWholeRequest() {
        assertEquals(NextStep.FAIL_REQUEST, GroupStep.decide(List.of(MigrationState.RUNNING, MigrationState.FAILED,
                MigrationState.READY), Target.COMPLETE, DUE));
        assertEquals(NextStep.IDLE, GroupStep.decide(List.of(MigrationState.FAILED, MigrationState.CANCELLED),
                Target.COMPLETE, DUE));
    }

    @Test
    void aCancelledTargetCancelsEveryMemberBeforeTheCutover() {
        assertEquals(NextStep.CANCEL, GroupStep.decide(List.of(MigrationState.RUNNING, MigrationState.READY),
                Target.CANCELLED, DUE));
    }

    @Test
    void afterTheCutoverTheMembersMoveAsOne() {
        assertEquals(NextStep.REVERT, GroupStep.decide(List.of(MigrationState.COMPLETE, MigrationState.COMPLETE),
                Target.REVERTED, new NextStep.Facts(true, false, true)));
        assertEquals(NextStep.REFUSE_REVERT, GroupStep.decide(List.of(MigrationState.COMPLETE, MigrationState.COMPLETE),
                Target.REVERTED, new NextStep.Facts(true, false, false)));
        assertEquals(NextStep.FINALIZE, GroupStep.decide(List.of(MigrationState.FINALIZED, MigrationState.COMPLETE),
                Target.COMPLETE, new NextStep.Facts(true, true, true)));
    }
}
