package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;

import dev.twoway.coordinator.cutover.Cutover;
import dev.twoway.coordinator.cutover.CutoverAttempts;
import dev.twoway.coordinator.cutover.MySqlCutoverSteps;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;

/**
 * Steps 5 and 7: one locked swap attempt in the plan's direction (cut-over, revert, re-apply),
 * and what a failed one leaves in the row. Attempts that locked the table count against the
 * retries; a success gives them all back for the next swap.
 */
final class SwapStep {
    private final Connections connections;
    private final CutoverSettings settings;
    private final String sidecar;
    private final SyncMonitor sync;
    private final Transitions transitions;
    private final CutoverAttempts attempts;
    private final MigrationProgressStore progress;

    SwapStep(Connections connections, CutoverSettings settings, String sidecar, SyncMonitor sync,
             Transitions transitions) {
        this.connections = connections;
        this.settings = settings;
        this.sidecar = sidecar;
        this.sync = sync;
        this.transitions = transitions;
        this.attempts = new CutoverAttempts(settings, System::currentTimeMillis);
        this.progress = new MigrationProgressStore(sidecar);
    }

    /** Whether an attempt may start now (retries left, backoff over). */
    boolean due() {
        return attempts.due();
    }

    void swap(Connection c, MigrationRow row, SwapPlan plan) throws SQLException {
        MySqlCutoverSteps steps = new MySqlCutoverSteps(connections, settings, plan, row, sidecar, sync, transitions);
        Cutover.Result result = new Cutover(steps, plan.word(), settings.lockTimeoutMs(), settings.catchupMs(),
                System::nanoTime).attempt();
        if (result.swapped()) {
            attempts.reset();
            return;
        }
        noteFailure(c, row, plan, result);
    }

    private void noteFailure(Connection c, MigrationRow row, SwapPlan plan, Cutover.Result result)
            throws SQLException {
        String id = row.migrationId();
        String state = row.state().wireName();
        if (!result.locked()) {
            // Nothing was locked, so nothing counts against the retries: the next tick tries again.
            progress.note(c, id, plan.word() + ": waiting for the sink to catch up", result.reason());
            return;
        }
        long backoff = attempts.failed();
        int failures = attempts.failures();
        if (attempts.exhausted()) {
            progress.note(c, id, state + ": " + plan.word() + " gave up after " + failures + " attempts",
                    plan.word() + " gave up after " + failures + " attempts; the last: " + result.reason()
                            + ". Nothing was changed. Restart the connector's task to try again.");
        }
        else {
            progress.note(c, id, state + ": " + plan.word() + " attempt " + failures + " of " + settings.retries()
                    + " failed; next in " + backoff + " ms", result.reason());
        }
    }
}
