package dev.twoway.coordinator.validate;

import java.time.Instant;
import java.util.Optional;

import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Why a revert cannot happen for a migration's row, if it cannot: finalized (the window closed),
 * not revertible (the sink's reason), or nothing to revert yet. Used by the connector's
 * {@code validate()} and by the reconciler. Decides only.
 */
public final class RevertRefusal {
    /** Starts the row's message when the reconciler refuses; the reason follows it. */
    public static final String PREFIX = "revert refused: ";

    private RevertRefusal() {
    }

    /** Empty when {@code migration.target=reverted} may go ahead (or is done already). */
    public static Optional<String> reason(MigrationRow row, Instant now) {
        return switch (row.state()) {
            case FINALIZED -> Optional.of(closed(row) + "; the migration is finalized");
            case COMPLETE -> complete(row, now);
            case REVERTED -> Optional.empty();
            case QUEUED, RUNNING, READY -> Optional.of("migration '" + row.migrationId() + "' is " + row.state()
                    .wireName() + ": there is nothing to revert before the cut-over (state complete)");
            case FAILED, CANCELLED -> Optional.of("migration '" + row.migrationId() + "' is " + row.state()
                    .wireName() + ": there is nothing to revert");
        };
    }

    /** Starts the row's message when the reconciler refuses a re-apply; the reason follows it. */
    public static final String REAPPLY_PREFIX = "re-apply refused: ";

    /**
     * Why {@code migration.target=complete} cannot swap a reverted migration's new schema back in:
     * the parked new table could not hold a row written after the revert (the sink's reason). Empty
     * in every other case (a first cut-over and a complete migration have nothing to refuse here).
     */
    public static Optional<String> reapplyReason(MigrationRow row) {
        if (row.state() == MigrationState.REVERTED && !row.revertible()) {
            return Optional.of(notReappliable(row.message()));
        }
        return Optional.empty();
    }

    /** The row's message once a re-apply is refused: the prefix and the reason. */
    public static String reapplyMessage(String reason) {
        return REAPPLY_PREFIX + reason;
    }

    /** The sink's forward refusal after a revert, as a reason (also when the message is our refusal already). */
    public static String notReappliable(String message) {
        String reason = message == null ? "" : message;
        if (reason.startsWith(REAPPLY_PREFIX)) {
            reason = reason.substring(REAPPLY_PREFIX.length());
        }
        if (reason.startsWith("not re-appliable")) {
            return reason;
        }
        return "not re-appliable: a row written after the revert cannot be held by the new schema, so a re-apply "
                + "would lose it: " + (reason.isEmpty() ? "the sink could not keep the new table in sync" : reason);
    }

    /** The row's message once refused: the prefix and the reason. */
    public static String message(String reason) {
        return PREFIX + reason;
    }

    private static Optional<String> complete(MigrationRow row, Instant now) {
        if (row.windowClosedAt(now)) {
            return Optional.of(closed(row));
        }
        if (!row.revertible()) {
            return Optional.of(notRevertible(row.message()));
        }
        return Optional.empty();
    }

    private static String closed(MigrationRow row) {
        return row.revertibleUntil() == null ? "the revert window closed"
                : "the revert window closed at " + row.revertibleUntil();
    }

    /** The sink's reason (it starts with "not revertible"), also when the message is our refusal already. */
    public static String notRevertible(String message) {
        String reason = message == null ? "" : message;
        if (reason.startsWith(PREFIX)) {
            reason = reason.substring(PREFIX.length());
        }
        if (reason.startsWith("not revertible")) {
            return reason;
        }
        return "not revertible: " + (reason.isEmpty() ? "the sink could not keep the old table in sync" : reason);
    }
}
