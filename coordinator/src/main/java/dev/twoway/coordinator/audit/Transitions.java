package dev.twoway.coordinator.audit;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Moves one migration's state, guarded by the state it leaves, with its audit row in the same
 * transaction (the {@link Sidecar} commits both or neither), so a transition is never committed
 * without its audit row. A move that finds the row elsewhere changes nothing and appends nothing.
 * Every committed move is logged and nudges the task's poll thread.
 */
public final class Transitions {
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final String migrationId;
    private final Sidecar sidecar;
    private final AuditSignal written;
    private final Duration revertWindow;

    /**
     * {@code written}: told after each committed transition, so the task publishes it at once;
     * {@code revertWindow}: how long after the first swap the migration can be reverted.
     */
    public Transitions(String migrationId, Sidecar sidecar, AuditSignal written, Duration revertWindow) {
        this.migrationId = migrationId;
        this.sidecar = sidecar;
        this.written = written;
        this.revertWindow = revertWindow;
    }

    /** The transitions of another migration (a member of the same request), on the same sidecar. */
    public Transitions of(String memberId) {
        return new Transitions(memberId, sidecar, written, revertWindow);
    }

    /** Inserts a request's members' first rows, all in one transaction; false (none) when any id exists. */
    public boolean insert(List<MigrationRow> rows) throws SQLException {
        if (!sidecar.insert(rows)) {
            return false;
        }
        rows.forEach(row -> report(row.migrationId(), null, row.state(), row.stage(), row.message()));
        return true;
    }

    /** Every move in one transaction, with their audit rows: all or none (false). */
    public boolean move(List<Sidecar.Move> moves) throws SQLException {
        if (!sidecar.move(moves)) {
            return false;
        }
        moves.forEach(m -> report(m.migrationId(), m.from(), m.to(), m.stage(), m.message()));
        return true;
    }

    /** Inserts the migration's first row (queued); false when a row with its id exists. */
    public boolean insert(MigrationRow row) throws SQLException {
        if (!sidecar.insert(row)) {
            return false;
        }
        report(row.migrationId(), null, row.state(), row.stage(), row.message());
        return true;
    }

    public boolean move(MigrationState from, MigrationState to, String stage, String message) throws SQLException {
        if (!sidecar.move(migrationId, from, to, stage, message)) {
            return false;
        }
        report(migrationId, from, to, stage, message);
        return true;
    }

    /**
     * The migration is not revertible any more (the reason in its message), its state unchanged:
     * an audit record {@code state -> state}. False when it was not revertible already or moved on.
     */
    public boolean notRevertible(MigrationState state, String stage, String reason) throws SQLException {
        if (!sidecar.notRevertible(migrationId, state, stage, reason)) {
            return false;
        }
        report(migrationId, state, state, stage, reason);
        return true;
    }

    /**
     * A swap's moves (ready or reverted -> complete, complete -> reverted), one per member of the
     * group, all in one transaction with the same time in {@code cutover_at}; the first swap opens
     * the revert window. The freeze points are in the rows already; each move's {@code freezePoint}
     * describes its member's for the log and the audit record, which keep them all. False (nothing
     * changed) when a member was not in its {@code from}.
     */
    public boolean swapped(List<Sidecar.SwapMove> moves, Instant at) throws SQLException {
        if (!sidecar.swapped(moves, at, at.plus(revertWindow))) {
            return false;
        }
        for (Sidecar.SwapMove move : moves) {
            report(move.migrationId(), move.from(), move.to(), move.stage(), move.freezePoint());
        }
        return true;
    }

    /** After the commit: the log, and a nudge to the task's poll thread. */
    private void report(String migrationId, MigrationState from, MigrationState to, String stage, String message) {
        LOG.info("migration {}: {} -> {} ({}){}", migrationId, from == null ? "none" : from.wireName(),
                to.wireName(), stage, message == null ? "" : ": " + message);
        written.written();
    }
}
