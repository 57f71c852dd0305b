package dev.twoway.coordinator.cutover;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Which way a locked swap goes: everything a cut-over and a revert do not share. The live table
 * {@code table} is parked under {@code parking} (the sentry's name while the lock is held) and
 * {@code incoming} takes its name: {@code RENAME TABLE table TO parking, incoming TO table}.
 * The table names never change meaning: {@code shadow_table} is the new schema's parking name,
 * {@code old_table} the old schema's.
 *
 * @param word the swap in words, for stages and messages ("cut-over", "revert")
 * @param marker the marker that tells the sink about the swap
 * @param to the state once swapped
 */
public record SwapPlan(String word, MarkerKind marker, MigrationState to, String schema, String table,
                       String incoming, String parking) {

    /** The new schema goes live: the first cut-over (from ready) and every re-apply (from reverted). */
    public static SwapPlan forward(MigrationRow row) {
        return new SwapPlan("cut-over", MarkerKind.CUTOVER, MigrationState.COMPLETE, row.tableSchema(),
                row.tableName(), row.shadowTable(), row.oldTable());
    }

    /** The old schema goes live again: the cut-over played backwards. */
    public static SwapPlan backward(MigrationRow row) {
        return new SwapPlan("revert", MarkerKind.REVERT, MigrationState.REVERTED, row.tableSchema(), row.tableName(),
                row.oldTable(), row.shadowTable());
    }

    /** The swap a swap marker announced. */
    public static SwapPlan of(MarkerKind marker, MigrationRow row) {
        return switch (marker) {
            case CUTOVER -> forward(row);
            case REVERT -> backward(row);
            default -> throw new IllegalArgumentException(marker.wireName() + " markers announce no swap");
        };
    }

    /** The stage once swapped, in words. */
    public String doneStage() {
        String schema = marker == MarkerKind.CUTOVER ? "new" : "old";
        String other = marker == MarkerKind.CUTOVER ? "old" : "new";
        return to.wireName() + ": tables swapped; " + table + " has the " + schema + " schema, " + parking
                + " the " + other + " one";
    }
}
