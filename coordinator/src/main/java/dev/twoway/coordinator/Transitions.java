package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.jdbc.InTransaction;
import dev.twoway.core.state.AuditStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.MigrationStore;

/**
 * Moves one migration's state, guarded by the state it leaves, and appends every move that
 * happened to the audit outbox in the same transaction, so a transition is never committed
 * without its audit row. A move that finds the row elsewhere changes nothing and appends nothing.
 */
public final class Transitions {
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final String migrationId;
    private final MigrationStore store;
    private final MigrationProgressStore progress;
    private final AuditStore audit;
    private final AuditSignal written;
    private final Duration revertWindow;

    /**
     * {@code written}: told after each committed transition, so the task publishes it at once;
     * {@code revertWindow}: how long after the first swap the migration can be reverted.
     */
    public Transitions(String migrationId, String sidecar, AuditSignal written, Duration revertWindow) {
        this.migrationId = migrationId;
        this.revertWindow = revertWindow;
        this.store = new MigrationStore(sidecar);
        this.progress = new MigrationProgressStore(sidecar);
        this.audit = new AuditStore(sidecar);
        this.written = written;
    }

    /** Inserts the migration's first row (queued); false when a row with its id exists. */
    public boolean insert(Connection c, MigrationRow row) throws SQLException {
        if (!InTransaction.run(c, () -> audited(c, store.insert(c, row), null, row.state(), row.stage(), row.message()))) {
            return false;
        }
        report(null, row.state(), row.stage(), row.message());
        return true;
    }

    public boolean move(Connection c, MigrationState from, MigrationState to, String stage, String message)
            throws SQLException {
        if (!InTransaction.run(c, () -> audited(c, store.transition(c, migrationId, from, to, stage, message),
                from, to, stage, message))) {
            return false;
        }
        report(from, to, stage, message);
        return true;
    }

    /**
     * A swap's move (ready or reverted -> complete, complete -> reverted), stamping its time in
     * {@code cutover_at}; the first swap opens the revert window. The freeze point is in the row
     * already; {@code freezePoint} describes it for the log and the audit record, which keep them all.
     */
    public boolean swapped(Connection c, MigrationState from, MigrationState to, Instant at, String stage,
                           String freezePoint) throws SQLException {
        if (!InTransaction.run(c, () -> audited(c, progress.swapped(c, migrationId, from, to, at, stage,
                at.plus(revertWindow)), from, to, stage, freezePoint))) {
            return false;
        }
        report(from, to, stage, freezePoint);
        return true;
    }

    /** Appends the audit row of a state change that happened ({@code changed}), in its transaction. */
    private boolean audited(Connection c, boolean changed, MigrationState from, MigrationState to, String stage,
                            String message) throws SQLException {
        if (changed) {
            audit.append(c, migrationId, from, to, stage, message);
        }
        return changed;
    }

    /** After the commit: the log, and a nudge to the task's poll thread. */
    private void report(MigrationState from, MigrationState to, String stage, String message) {
        LOG.info("migration {}: {} -> {} ({}){}", migrationId, from == null ? "none" : from.wireName(),
                to.wireName(), stage, message == null ? "" : ": " + message);
        written.written();
    }
}
