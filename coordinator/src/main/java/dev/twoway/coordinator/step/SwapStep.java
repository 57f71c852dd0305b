package dev.twoway.coordinator.step;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

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
import dev.twoway.core.state.MigrationState;

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
    private final SwapChecksum checksum;

    /** {@code checksum}: run before every swap (it passes at once when {@code migration.checksum=off}). */
    public SwapStep(Connections connections, Sidecar sidecar, Tables tables, CutoverSettings settings,
                    SyncMonitor sync, Transitions transitions, SwapChecksum checksum) {
        this.connections = connections;
        this.sidecar = sidecar;
        this.tables = tables;
        this.settings = settings;
        this.sync = sync;
        this.transitions = transitions;
        this.attempts = new CutoverAttempts(settings, System::currentTimeMillis);
        this.checksum = checksum;
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

    /** Whether an attempt may start now (retries left, backoff over; the checksum's too). */
    public boolean due() {
        return attempts.due() && checksum.due();
    }

    /** A single migration's swap: a group of one. */
    public void swap(MigrationRow row, SwapPlan plan) throws SQLException {
        swap(List.of(row), plan);
    }

    /**
     * One attempt of the group's swap; {@code rows}: every member, in deploy order. The checksum
     * goes first, once per swap: a swap whose attempt fails is not checked again before the next.
     */
    public void swap(List<MigrationRow> rows, SwapPlan plan) throws SQLException {
        if (!checksum.passes(rows, plan)) {
            return;
        }
        MySqlCutoverSteps steps = new MySqlCutoverSteps(connections, sidecar, tables, settings, plan, rows,
                (streamed, timeoutMs) -> sync.catchUp(streamed, timeoutMs), guard(rows), transitions);
        // Forced once the swap has been blocked long enough (migration.cutover.force.after.ms).
        boolean force = attempts.forceDue();
        attempts.began();
        Cutover cutover = new Cutover(steps, plan.word(), settings.lockTimeoutMs(), settings.swapCatchupMs(), force,
                System::nanoTime);
        Cutover.Result result = cutover.attempt();
        tally.attempted(cutover.writersBlockedMs());
        recount(rows.get(0).migrationId()); // a group's members are swapped together: the first one's count is theirs
        if (result.swapped()) {
            attempts.reset();
            checksum.swapped();
            return;
        }
        noteFailure(rows, plan, result);
    }

    /**
     * A revert stops when the sink found, on its way to the markers, that an old table cannot hold a
     * row (its own fact, not yet turned into the row's; or the row's already).
     */
    private SwapGuard guard(List<MigrationRow> rows) {
        return plan -> {
            if (plan.marker() != MarkerKind.REVERT) {
                return reapplyGuard(rows);
            }
            for (SwapPlan.Member member : plan.members()) {
                Optional<String> found = sidecar.sinkInverseRefusal(member.migrationId());
                if (found.isEmpty()) {
                    found = sidecar.migration(member.migrationId()).filter(r -> !r.revertible()).map(MigrationRow::message);
                }
                if (found.isPresent()) {
                    return Optional.of(RevertRefusal.notRevertible(found.get()));
                }
            }
            return Optional.empty();
        };
    }

    /**
     * A re-apply stops when the sink found, on its way to the markers, that a parked new table cannot
     * hold a row written after the revert (its own fact, not yet turned into the row's).
     */
    private Optional<String> reapplyGuard(List<MigrationRow> rows) throws SQLException {
        // The states as the swap began (a swap changes none of them before its RENAME): only a
        // re-apply reads the sink's fact under the lock; a first cut-over adds no query there.
        for (MigrationRow row : rows) {
            if (row.state() == MigrationState.REVERTED && row.kind().streamed()) {
                Optional<String> found = sidecar.sinkRefusal(row.migrationId());
                if (found.isPresent()) {
                    return Optional.of(RevertRefusal.notReappliable(found.get()));
                }
            }
        }
        return Optional.empty();
    }

    /** The failure in every member's row; an attempt that locked counts once for the group. */
    private void noteFailure(List<MigrationRow> rows, SwapPlan plan, Cutover.Result result) throws SQLException {
        if (!result.locked()) {
            // Nothing was locked, so nothing counts against the retries: the next tick tries again.
            for (MigrationRow row : rows) {
                sidecar.note(row.migrationId(), plan.word() + ": waiting for the sink to catch up", result.reason());
            }
            return;
        }
        long backoff = attempts.failed();
        int failures = attempts.failures();
        for (MigrationRow row : rows) {
            String state = row.state().wireName();
            if (attempts.exhausted()) {
                sidecar.note(row.migrationId(), state + ": " + plan.word() + " gave up after " + failures
                        + " attempts", plan.word() + " gave up after " + failures + " attempts; the last: "
                        + result.reason() + ". Nothing was changed. Restart the connector's task to try again.");
            }
            else {
                sidecar.note(row.migrationId(), state + ": " + plan.word() + " attempt " + failures + " of "
                        + settings.retries() + " failed; next in " + backoff + " ms", result.reason());
            }
        }
    }
}
