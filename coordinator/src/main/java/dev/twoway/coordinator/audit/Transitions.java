package dev.twoway.coordinator.audit;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

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

    /** Inserts the migration's first row (queued); false when a row with its id exists. */
    public boolean insert(MigrationRow row) throws SQLException {
        if (!sidecar.insert(row)) {
            return false;
        }
        report(null, row.state(), row.stage(), row.message());
        return true;
    }

    public boolean move(MigrationState from, MigrationState to, String stage, String message) throws SQLException {
        if (!sidecar.move(migrationId, from, to, stage, message)) {
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
    public boolean swapped(MigrationState from, MigrationState to, Instant at, String stage, String freezePoint)
            throws SQLException {
        if (!sidecar.swapped(migrationId, from, to, at, stage, at.plus(revertWindow), freezePoint)) {
            return false;
        }
        report(from, to, stage, freezePoint);
        return true;
    }

    /** After the commit: the log, and a nudge to the task's poll thread. */
    private void report(MigrationState from, MigrationState to, String stage, String message) {
        LOG.info("migration {}: {} -> {} ({}){}", migrationId, from == null ? "none" : from.wireName(),
                to.wireName(), stage, message == null ? "" : ": " + message);
        written.written();
    }
}
