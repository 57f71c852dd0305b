package dev.twoway.coordinator.reconcile;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import dev.twoway.core.state.MigrationState;

/**
 * What the reconciler does next for a deploy request, decided on the group's facts above the
 * members' own steps: the members copy side by side and the request waits at {@code ready} until
 * every one is; from then on they move as one (one cut-over, one revert, one finalization), so
 * their states are one state, decided as a single migration's ({@link NextStep}). A member failed
 * or cancelled before the cut-over fails the whole request. A request of one is decided exactly
 * as {@link NextStep} decides a migration. Decides only.
 */
public final class GroupStep {
    private static final Set<MigrationState> BEFORE_CUTOVER = EnumSet.of(MigrationState.QUEUED, MigrationState.RUNNING,
            MigrationState.READY);
    private static final Set<MigrationState> ENDED = EnumSet.of(MigrationState.FAILED, MigrationState.CANCELLED);

    private GroupStep() {
    }

    /** @param states every member's state, in deploy order (empty: no rows yet) */
    public static NextStep decide(List<MigrationState> states, Target target, NextStep.Facts facts) {
        if (states.isEmpty()) {
            return NextStep.ADMIT;
        }
        if (states.stream().allMatch(ENDED::contains)) {
            return NextStep.IDLE;
        }
        if (states.stream().anyMatch(ENDED::contains)) {
            return states.stream().anyMatch(BEFORE_CUTOVER::contains) ? NextStep.FAIL_REQUEST : NextStep.IDLE;
        }
        MigrationState first = states.get(0);
        if (states.stream().allMatch(first::equals)) {
            return NextStep.decide(first, target, facts);
        }
        if (states.stream().allMatch(BEFORE_CUTOVER::contains)) {
            return target == Target.CANCELLED ? NextStep.CANCEL : NextStep.MEMBERS;
        }
        // Only a finalization cut short leaves members after the cut-over in different states.
        return states.contains(MigrationState.FINALIZED) ? NextStep.FINALIZE : NextStep.IDLE;
    }
}
