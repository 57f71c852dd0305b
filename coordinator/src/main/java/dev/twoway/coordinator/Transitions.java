package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.MigrationStore;

/**
 * Moves one migration's state, guarded by the state it leaves, and reports every move that
 * happened to the log and the audit trail. A move that finds the row elsewhere changes nothing.
 */
public final class Transitions {
    private static final Logger LOG = LoggerFactory.getLogger(Transitions.class);

    private final String migrationId;
    private final MigrationStore store;
    private final MigrationProgressStore progress;
    private final AuditTrail audit;

    public Transitions(String migrationId, String sidecar, AuditTrail audit) {
        this.migrationId = migrationId;
        this.store = new MigrationStore(sidecar);
        this.progress = new MigrationProgressStore(sidecar);
        this.audit = audit;
    }

    /** Inserts the migration's first row (queued); false when a row with its id exists. */
    public boolean insert(Connection c, MigrationRow row) throws SQLException {
        if (!store.insert(c, row)) {
            return false;
        }
        report(null, row.state(), row.stage(), row.message());
        return true;
    }

    public boolean move(Connection c, MigrationState from, MigrationState to, String stage, String message)
            throws SQLException {
        if (!store.transition(c, migrationId, from, to, stage, message)) {
            return false;
        }
        report(from, to, stage, message);
        return true;
    }

    /** ready -> complete, stamping the cut-over time (the freeze point is in the row already). */
    public boolean complete(Connection c, Instant cutoverAt, String stage) throws SQLException {
        if (!progress.complete(c, migrationId, cutoverAt, stage)) {
            return false;
        }
        report(MigrationState.READY, MigrationState.COMPLETE, stage, null);
        return true;
    }

    private void report(MigrationState from, MigrationState to, String stage, String message) {
        LOG.info("migration {}: {} -> {} ({}){}", migrationId, from == null ? "none" : from.wireName(),
                to.wireName(), stage, message == null ? "" : ": " + message);
        audit.transition(from, to, stage, message);
    }
}
