package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.Sql;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerLookup;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.TableNames;

/**
 * Step 8: the revert window closed. Marker {@code stop} first, and nothing more until the sink has
 * reached it (it must not write to a table being retired); then the table not live is renamed to
 * its hold name (named once, in {@code retired_table}, before the rename) or dropped, and the state
 * goes finalized. Every tick redoes only what is left, so a restart anywhere is safe.
 */
final class WindowCloser {
    private static final Logger LOG = LoggerFactory.getLogger(WindowCloser.class);

    private final MarkerStore markers;
    private final MarkerLookup lookup;
    private final MarkerWaiter waiter;
    private final MigrationProgressStore progress;
    private final MigrationStore store;
    private final Transitions transitions;
    private final long waitMs;
    private final boolean drop;

    WindowCloser(String sidecar, Transitions transitions, long waitMs, boolean drop) {
        this.markers = new MarkerStore(sidecar);
        this.lookup = new MarkerLookup(sidecar);
        this.waiter = new MarkerWaiter(sidecar);
        this.progress = new MigrationProgressStore(sidecar);
        this.store = new MigrationStore(sidecar);
        this.transitions = transitions;
        this.waitMs = waitMs;
        this.drop = drop;
    }

    void close(Connection c, MigrationRow row) throws SQLException {
        if (!sinkStopped(c, row)) {
            return;
        }
        String retired = row.state() == MigrationState.COMPLETE ? row.oldTable() : row.shadowTable();
        String stage = drop ? retireByDrop(c, row, retired) : retireByRename(c, row, retired);
        transitions.move(c, row.state(), MigrationState.FINALIZED, stage, row.message());
    }

    /** A complete or reverted migration inserts a stop marker only here, so an existing one is ours. */
    private boolean sinkStopped(Connection c, MigrationRow row) throws SQLException {
        Optional<MarkerRow> existing = lookup.latest(c, row.migrationId(), MarkerKind.STOP);
        long stop = existing.isPresent() ? existing.get().markerId()
                : markers.insert(c, row.migrationId(), MarkerKind.STOP, row.tableSchema(), row.tableName());
        if (waiter.await(c, stop, System.nanoTime() + waitMs * 1_000_000L).isPresent()) {
            return true;
        }
        String stage = "finalizing: the revert window closed at " + row.revertibleUntil()
                + "; waiting for the sink to reach stop marker " + stop;
        if (!stage.equals(row.stage())) {
            store.stage(c, row.migrationId(), stage);
            LOG.warn("migration {}: the sink did not reach stop marker {} within {} ms; retiring waits for it",
                    row.migrationId(), stop, waitMs);
        }
        return false;
    }

    private String retireByRename(Connection c, MigrationRow row, String retired) throws SQLException {
        String hold = progress.retiring(c, row.migrationId(),
                TableNames.hold(row.tableName(), row.migrationId(), Instant.now()));
        TableInspector tables = new TableInspector(c);
        if (tables.exists(row.tableSchema(), retired) && !tables.exists(row.tableSchema(), hold)) {
            execute(c, "RENAME TABLE " + Sql.qualified(row.tableSchema(), retired) + " TO "
                    + Sql.qualified(row.tableSchema(), hold));
        }
        return "finalized: the revert window closed at " + row.revertibleUntil() + "; " + retired + " kept as "
                + hold;
    }

    private String retireByDrop(Connection c, MigrationRow row, String retired) throws SQLException {
        execute(c, "DROP TABLE IF EXISTS " + Sql.qualified(row.tableSchema(), retired));
        return "finalized: the revert window closed at " + row.revertibleUntil() + "; " + retired + " dropped";
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }
}
