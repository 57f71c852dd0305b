package dev.twoway.stack.operator;

import java.util.Optional;

/**
 * Decides, from a reading of the state row, whether asking a migration for a target has come to
 * an end: the state the target leads to (success), or a state or stage that says it will not get
 * there (failure), or neither yet. A stage or message already there when the target was asked for
 * says nothing about this request. Decides only.
 */
final class Outcome {
    /** What a reading says: done (reached), failed (with why), or still on the way. */
    record Verdict(boolean done, boolean reached, String reason) {
        static final Verdict ON_THE_WAY = new Verdict(false, false, null);

        static Verdict reached(String why) {
            return new Verdict(true, true, why);
        }

        static Verdict failed(String why) {
            return new Verdict(true, false, why);
        }
    }

    private final String target;
    private final String stageBefore;
    private final String messageBefore;
    private final boolean finalizedSettles;

    /** {@code before}: the row as it was when the target was asked for (null: there was none). */
    Outcome(String target, StateRow before) {
        this(target, before, false);
    }

    private Outcome(String target, StateRow before, boolean finalizedSettles) {
        this.target = target;
        this.stageBefore = before == null ? null : before.stage();
        this.messageBefore = before == null ? null : before.message();
        this.finalizedSettles = finalizedSettles;
    }

    /**
     * For {@code watch}: the migration settles at its target, or finalized after it (the revert
     * window closed on a complete or reverted migration: nothing more will happen to it).
     */
    static Outcome settling(String target) {
        return new Outcome(target, null, "complete".equals(target) || "reverted".equals(target));
    }

    /** The state {@code target} leads to. */
    static String stateOf(String target) {
        return target; // complete, ready, reverted and cancelled are each the state they lead to
    }

    Verdict judge(Optional<StateRow> reading) {
        if (reading.isEmpty()) {
            return Verdict.ON_THE_WAY;
        }
        StateRow row = reading.get();
        if (stateOf(target).equals(row.state())) {
            return Verdict.reached(row.state());
        }
        switch (row.state()) {
            case "failed" -> {
                return Verdict.failed("the migration failed: " + row.message());
            }
            case "cancelled" -> {
                return Verdict.failed("the migration is cancelled");
            }
            case "finalized" -> {
                if (finalizedSettles) {
                    return Verdict.reached("finalized (the revert window closed)");
                }
                return Verdict.failed("the migration is finalized: its revert window closed"
                        + (row.revertibleUntil() == null ? "" : " at " + row.revertibleUntil()));
            }
            default -> {
            }
        }
        boolean news = !same(row.stage(), stageBefore) || !same(row.message(), messageBefore);
        if (news && (row.gaveUp() || row.revertRefused())) {
            return Verdict.failed(row.stage() + ": " + row.message());
        }
        return Verdict.ON_THE_WAY;
    }

    private static boolean same(String a, String b) {
        return a == null ? b == null : a.equals(b);
    }
}
