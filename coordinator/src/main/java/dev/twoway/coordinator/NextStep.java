package dev.twoway.coordinator;

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
    /** ready and target complete: swap the tables under lock. */
    CUTOVER,
    /** target cancelled before the cut-over: marker stop, drop the shadow, go cancelled. */
    CANCEL,
    /** Nothing to do: complete (inverse stream comes later), failed, cancelled, or any other state. */
    IDLE;

    /**
     * @param state the row's state, null when there is no row
     * @param cutoverDue whether a cut-over attempt may start now (retries left, backoff over)
     */
    public static NextStep decide(MigrationState state, Target target, boolean cutoverDue) {
        if (state == null) {
            return ADMIT;
        }
        boolean cancel = target == Target.CANCELLED;
        return switch (state) {
            case QUEUED -> cancel ? CANCEL : BUILD_SHADOW;
            case RUNNING -> cancel ? CANCEL : COPY;
            case READY -> cancel ? CANCEL : target == Target.COMPLETE && cutoverDue ? CUTOVER : SYNC;
            default -> IDLE;
        };
    }
}
