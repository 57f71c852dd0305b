package dev.twoway.coordinator.validate;

import java.util.Optional;

import dev.twoway.coordinator.reconcile.Target;
import dev.twoway.core.state.MigrationRow;

/**
 * Why {@code migration.target=cancelled} or {@code ready} is refused for a migration's row: both
 * mean something only before the cut-over, and the reconciler of a migration past it would take
 * the config and do nothing, without a word. Reverts have their own reasons ({@link RevertRefusal}).
 * Decides only.
 */
public final class TargetRefusal {
    private TargetRefusal() {
    }

    /** Empty when {@code target} may be asked for in the row's state. */
    public static Optional<String> reason(MigrationRow row, Target target) {
        if (target != Target.CANCELLED && target != Target.READY) {
            return Optional.empty();
        }
        return switch (row.state()) {
            case COMPLETE, REVERTED, FINALIZED -> Optional.of("migration '" + row.migrationId() + "' is "
                    + row.state().wireName() + ": " + target.wireName() + " cannot be asked for after the cut-over ("
                    + followUp(row) + ")");
            case QUEUED, RUNNING, READY, FAILED, CANCELLED -> Optional.empty();
        };
    }

    private static String followUp(MigrationRow row) {
        return switch (row.state()) {
            case COMPLETE -> "a complete migration is taken back with migration.target=reverted";
            case REVERTED -> "a reverted migration stays so with migration.target=reverted, or is re-applied with "
                    + "migration.target=complete";
            default -> "the revert window closed: the migration is done";
        };
    }
}
