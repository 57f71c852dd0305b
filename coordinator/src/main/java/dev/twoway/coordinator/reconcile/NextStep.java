package dev.twoway.coordinator.reconcile;

import dev.twoway.core.state.MigrationState;

/** What the reconciler does next for a migration's state and target. Decides only. */
public enum NextStep {
    /** No row yet: validate, apply the statement to a scratch table, insert the row (queued or failed). */
    ADMIT,
    /** queued: create the shadow table, store the column map, insert marker start, go running. */
    BUILD_SHADOW,
    /** running: copy the next chunk, or go ready when none is left. */
    COPY,
    /** ready: measure the sink's lag with sync markers. */
    SYNC,
    /** ready or reverted, target complete: swap the new schema in under lock (the cut-over; again: re-apply). */
    CUTOVER,
    /** complete, target reverted, revertible, window open: swap the old schema back in under lock. */
    REVERT,
    /** The revert window closed (complete or reverted): marker stop, retire the table not live, go finalized. */
    FINALIZE,
    /** target reverted where it cannot be: say why in the row, change nothing else. */
    REFUSE_REVERT,
    /** reverted, target complete, but the new table missed a write it cannot hold: say why, change nothing else. */
    REFUSE_REAPPLY,
    /** target cancelled before the cut-over: marker stop, drop the shadow, go cancelled. */
    CANCEL,
    /** A deploy request's member failed or was cancelled before the cut-over: fail the others, undoing what they built. */
    FAIL_REQUEST,
    /** A request's members are at different steps before the cut-over: each does its own (build, copy, sync). */
    MEMBERS,
    /** Nothing to do: settled, failed, cancelled, finalized, or a swap waiting for its backoff. */
    IDLE;

    /** The step in words, for the state row and the log ("copy", "build shadow"). */
    public String words() {
        return switch (this) {
            case ADMIT -> "admission";
            case BUILD_SHADOW -> "building the shadow";
            case COPY -> "copy";
            case SYNC -> "sync";
            case CUTOVER -> "cut-over";
            case REVERT -> "revert";
            case FINALIZE -> "finalizing";
            case REFUSE_REVERT -> "refusing the revert";
            case REFUSE_REAPPLY -> "refusing the re-apply";
            case CANCEL -> "cancelling";
            case FAIL_REQUEST -> "failing the request";
            case MEMBERS -> "the members' steps";
            case IDLE -> "idle";
        };
    }

    /** What the row says beyond its state: whether a swap may start, the window, the sink's verdict. */
    public record Facts(boolean swapDue, boolean windowClosed, boolean revertible) {
        /** Before the first cut-over: no window yet, revertible. */
        public static Facts beforeCutover(boolean swapDue) {
            return new Facts(swapDue, false, true);
        }
    }

    /** @param state the row's state, null when there is no row */
    public static NextStep decide(MigrationState state, Target target, Facts facts) {
        if (state == null) {
            return ADMIT;
        }
        return switch (state) {
            case QUEUED -> target == Target.CANCELLED ? CANCEL : BUILD_SHADOW;
            case RUNNING -> target == Target.CANCELLED ? CANCEL : COPY;
            case READY -> ready(target, facts);
            case COMPLETE -> complete(target, facts);
            case REVERTED -> reverted(target, facts);
            case FINALIZED -> target == Target.REVERTED ? REFUSE_REVERT : IDLE;
            case FAILED, CANCELLED -> IDLE;
        };
    }

    private static NextStep ready(Target target, Facts facts) {
        return switch (target) {
            case CANCELLED -> CANCEL;
            case COMPLETE -> facts.swapDue() ? CUTOVER : SYNC;
            case REVERTED -> REFUSE_REVERT;
            case READY -> SYNC;
        };
    }

    /** A re-apply needs the parked new table whole: the sink's "not re-appliable" (revertible 0) refuses it. */
    private static NextStep reverted(Target target, Facts facts) {
        if (facts.windowClosed()) {
            return FINALIZE;
        }
        if (target != Target.COMPLETE) {
            return IDLE;
        }
        if (!facts.revertible()) {
            return REFUSE_REAPPLY;
        }
        return facts.swapDue() ? CUTOVER : IDLE;
    }

    /** The window closing wins over everything: a revert asked for too late is refused once finalized. */
    private static NextStep complete(Target target, Facts facts) {
        if (facts.windowClosed()) {
            return FINALIZE;
        }
        if (target != Target.REVERTED) {
            return IDLE;
        }
        if (!facts.revertible()) {
            return REFUSE_REVERT;
        }
        return facts.swapDue() ? REVERT : IDLE;
    }
}
