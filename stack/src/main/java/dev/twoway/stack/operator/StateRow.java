package dev.twoway.stack.operator;

import java.time.Instant;

/** One row of the sidecar's {@code migrations} table, as the operator's commands show it. */
record StateRow(String migrationId, String schema, String table, String state, String stage, long rowsCopied,
                long rowsTotal, Long etaSeconds, Long lagMs, boolean revertible, Instant revertibleUntil,
                String message, Instant updatedAt) {

    String qualifiedTable() {
        return schema + "." + table;
    }

    /** The copy's progress in percent (100 once past the copy). */
    int percent() {
        return (int) Math.round(fraction() * 100);
    }

    /** The copy's progress from 0 to 1: rows copied of the rows to copy, 1 once the copy is over. */
    double fraction() {
        boolean copying = "queued".equals(state) || "running".equals(state) || "failed".equals(state)
                || "cancelled".equals(state);
        if (!copying) {
            return 1;
        }
        return rowsTotal <= 0 ? 0 : Math.min(1, (double) rowsCopied / rowsTotal);
    }

    /** Whether the row says the stage gave up (a swap's attempts or a step's retries used up). */
    boolean gaveUp() {
        return stage != null && stage.contains("gave up");
    }

    /** Whether the reconciler refused a revert (the row's stage ends so). */
    boolean revertRefused() {
        return stage != null && stage.endsWith("revert refused");
    }
}
