package dev.twoway.coordinator.step;

import java.sql.SQLException;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.cutover.Cutover;
import dev.twoway.coordinator.cutover.CutoverAttempts;
import dev.twoway.coordinator.cutover.CutoverSettings;
import dev.twoway.coordinator.cutover.MySqlCutoverSteps;
import dev.twoway.coordinator.cutover.SwapGuard;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.coordinator.validate.RevertRefusal;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationRow;

/**
 * Steps 5 and 7: one locked swap attempt in the plan's direction (cut-over, revert, re-apply),
 * and what a failed one leaves in the row. Attempts that locked the table count against the
 * retries; a success gives them all back for the next swap.
 */
public final class SwapStep {
    private final Connections connections;
    private final Sidecar sidecar;
    private final Tables tables;
    private final CutoverSettings settings;
    private final SyncMonitor sync;
    private final Transitions transitions;
    private final CutoverAttempts attempts;
    private final SwapTally tally = new SwapTally();

    public SwapStep(Connections connections, Sidecar sidecar, Tables tables, CutoverSettings settings,
                    SyncMonitor sync, Transitions transitions) {
        this.connections = connections;
        this.sidecar = sidecar;
        this.tables = tables;
        this.settings = settings;
        this.sync = sync;
        this.transitions = transitions;
        this.attempts = new CutoverAttempts(settings, System::currentTimeMillis);
    }

    /** The attempts made so far and the writers' last wait, for the task's metrics. */
    public SwapTally tally() {
        return tally;
    }

    /** Reads the migration's swap attempts from the markers table into the tally. */
    public void recount(String migrationId) throws SQLException {
        tally.counted(sidecar.markerCount(migrationId, MarkerKind.CUTOVER),
                sidecar.markerCount(migrationId, MarkerKind.REVERT));
    }

    /** Whether an attempt may start now (retries left, backoff over). */
    public boolean due() {
        return attempts.due();
    }

    public void swap(MigrationRow row, SwapPlan plan) throws SQLException {
        MySqlCutoverSteps steps = new MySqlCutoverSteps(connections, sidecar, tables, settings, plan, row,
                (r, timeoutMs) -> sync.catchUp(r, timeoutMs).isPresent(), guard(), transitions);
        Cutover cutover = new Cutover(steps, plan.word(), settings.lockTimeoutMs(), settings.catchupMs(), System::nanoTime);
        Cutover.Result result = cutover.attempt();
        tally.attempted(cutover.writersBlockedMs());
        recount(row.migrationId());
        if (result.swapped()) {
            attempts.reset();
            return;
        }
        noteFailure(row, plan, result);
    }

    /** A revert stops when the sink found, on its way to the marker, that the old table cannot hold a row. */
    private SwapGuard guard() {
        return (plan, migrationId) -> {
            if (plan.marker() != MarkerKind.REVERT) {
                return java.util.Optional.empty();
            }
            return sidecar.migration(migrationId).filter(r -> !r.revertible())
                    .map(r -> RevertRefusal.notRevertible(r.message()));
        };
    }

    private void noteFailure(MigrationRow row, SwapPlan plan, Cutover.Result result) throws SQLException {
        String id = row.migrationId();
        String state = row.state().wireName();
        if (!result.locked()) {
            // Nothing was locked, so nothing counts against the retries: the next tick tries again.
            sidecar.note(id, plan.word() + ": waiting for the sink to catch up", result.reason());
            return;
        }
        long backoff = attempts.failed();
        int failures = attempts.failures();
        if (attempts.exhausted()) {
            sidecar.note(id, state + ": " + plan.word() + " gave up after " + failures + " attempts",
                    plan.word() + " gave up after " + failures + " attempts; the last: " + result.reason()
                            + ". Nothing was changed. Restart the connector's task to try again.");
        }
        else {
            sidecar.note(id, state + ": " + plan.word() + " attempt " + failures + " of " + settings.retries()
                    + " failed; next in " + backoff + " ms", result.reason());
        }
    }
}
