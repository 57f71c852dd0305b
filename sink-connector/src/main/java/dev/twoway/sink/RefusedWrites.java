package dev.twoway.sink;

import java.sql.SQLException;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.projection.Direction;
import dev.twoway.core.projection.ProjectedWrite;

/**
 * What the sink does when MySQL refuses a batch of projected writes, so that one migration's
 * trouble never stops the others the task serves (the batch's route stops; every other route goes
 * on, and the batch's offsets commit):
 * <ul>
 * <li>inverse (after a cut-over): the old table cannot hold what the live table holds; the
 * migration is flagged non-revertible with MySQL's reason and its inverse stream stops;</li>
 * <li>forward: the changes are written again one by one. A collision on a unique key of the shadow
 * goes to {@link CollisionResolver} (an out-of-date row of the copy, a write a later change
 * supersedes, or a real duplicate); any other refusal, or a real duplicate, means the new schema
 * cannot hold the table's rows: it is recorded for the coordinator, which fails the migration and
 * drops the shadow, and the route stops.</li>
 * </ul>
 * A table dropped or renamed by hand (error 1146) ends its route the same way, in either direction.
 * An error that is no refusal (a lost connection, a lock wait) is thrown on: the batch is retried.
 */
final class RefusedWrites {
    private static final Logger LOG = LoggerFactory.getLogger(RefusedWrites.class);
    private static final int ATTEMPTS = 3;

    private final SinkDatabase database;
    private final ProgressLedger ledger;
    private final BatchWriter writer;
    private final CollisionResolver resolver;

    RefusedWrites(SinkDatabase database, ProgressLedger ledger, BatchWriter writer) {
        this.database = database;
        this.ledger = ledger;
        this.writer = writer;
        this.resolver = new CollisionResolver(database);
    }

    void handle(RowWriteException e) throws SQLException {
        if (WriteRefusal.isMissingTable(e)) {
            tableGone(e);
            return;
        }
        if (!WriteRefusal.isRefusal(e)) {
            throw e;
        }
        Route route = e.change().route();
        if (route.direction() == Direction.INVERSE) {
            stopInverse(route, LossyInverse.reason(e) + duplicateNamed(e), e);
            return;
        }
        for (RowChange change : e.changes()) {
            if (!route.equals(ledger.route(change.partition()))) {
                return; // refused on an earlier change of the batch
            }
            writeAlone(change);
        }
    }

    private void writeAlone(RowChange change) throws SQLException {
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                writer.add(change);
                writer.flush();
                return;
            }
            catch (RowWriteException one) {
                if (!WriteRefusal.isRefusal(one)) {
                    throw one;
                }
                if (WriteRefusal.isCollision(one) && change.kind() == RowChange.Kind.MOVE) {
                    clearOldKey(change);
                    return;
                }
                if (!WriteRefusal.isCollision(one) || change.kind() != RowChange.Kind.UPSERT) {
                    refuseForward(change.route(), "the new schema refuses a row written to the table during the "
                            + "migration: " + one.getMessage());
                    return;
                }
                CollisionResolver.Outcome outcome = resolver.resolve(change);
                switch (outcome.action()) {
                    case SKIP -> {
                        return;
                    }
                    case REFUSE -> {
                        refuseForward(change.route(), outcome.reason());
                        return;
                    }
                    case RETRY -> {
                        // the out-of-date row is gone: write again
                    }
                }
            }
        }
        refuseForward(change.route(), "a row written during the migration (" + change.origin() + ") still collides on a "
                + "unique key of the shadow after " + ATTEMPTS + " attempts");
    }

    /**
     * A row's shared key moved onto a value the shadow already holds: that row is this one, read
     * ahead by the copy under its new key, or another one read ahead that a later change of its own
     * rewrites; either way the row under the old key is out of date. It is deleted, and the
     * upsert of the row after the update (the next change) writes it under its new key.
     */
    private void clearOldKey(RowChange move) throws SQLException {
        int keys = move.columns().size();
        List<Object> oldKey = move.values().subList(keys, 2 * keys);
        database.zone(move.target().serverZone());
        database.execute(ProjectedWrite.delete(move.schema(), move.table(), move.columns(), 1), oldKey);
    }

    /** For a collision, the duplicate: the first change of the batch that collides alone, and what it meets. */
    private String duplicateNamed(RowWriteException e) throws SQLException {
        if (!WriteRefusal.isCollision(e)) {
            return "";
        }
        List<RowChange> changes = e.changes();
        for (int i = 0; i < changes.size(); i++) {
            RowChange change = changes.get(i);
            if (change.kind() == RowChange.Kind.UPSERT) {
                java.util.Optional<String> held = resolver.describe(change, changes.subList(0, i));
                if (held.isPresent()) {
                    return "; " + held.get() + " (written by record " + change.origin() + ")";
                }
            }
        }
        return "";
    }

    /**
     * The table the route writes was dropped or renamed by hand: only its migration's stream in
     * that direction ends (the old table gone: no revert; the shadow gone: no cut-over), named in its
     * row; failing the task would stop every table this sink applies, and retrying cannot help.
     */
    private void tableGone(RowWriteException e) throws SQLException {
        Route route = e.change().route();
        String gone = "the table " + e.change().schema() + "." + e.change().table() + " it writes is gone, dropped or "
                + "renamed outside twoway (" + e.getMessage() + ")";
        if (route.direction() == Direction.INVERSE) {
            stopInverse(route, "not revertible: " + gone + ", so the inverse stream stopped", e);
        }
        else {
            refuseForward(route, gone);
        }
    }

    private void refuseForward(Route route, String reason) throws SQLException {
        database.markForwardRefused(route.migrationId(), reason);
        ledger.unroute(route);
        LOG.error("Migration '{}' cannot go on: {}; its changes are no longer applied to the shadow, and the coordinator "
                + "fails it", route.migrationId(), reason);
    }

    private void stopInverse(Route route, String reason, RowWriteException e) throws SQLException {
        database.markNotRevertible(route.migrationId(), reason);
        ledger.unroute(route);
        LOG.warn("Migration '{}' is no longer revertible; its changes are no longer applied to the old table: {}",
                route.migrationId(), e.getMessage());
    }
}
