package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerLookup;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Step 6 (target cancelled before the cut-over): marker {@code stop} so the sink stops applying,
 * a bounded wait for the sink to pass it (so it does not write to a table being dropped), then the
 * shadow is dropped and the migration is cancelled (or failed). The production table is never touched.
 */
public final class MigrationCanceller {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationCanceller.class);

    private final MarkerStore markers;
    private final MarkerLookup lookup;
    private final MarkerWaiter waiter;
    private final Transitions transitions;
    private final long waitMs;

    public MigrationCanceller(String sidecar, Transitions transitions, long waitMs) {
        this.markers = new MarkerStore(sidecar);
        this.lookup = new MarkerLookup(sidecar);
        this.waiter = new MarkerWaiter(sidecar);
        this.transitions = transitions;
        this.waitMs = waitMs;
    }

    public void cancel(Connection c, MigrationRow row) throws SQLException {
        retire(c, row, MigrationState.CANCELLED, "cancelled: shadow table " + row.shadowTable() + " dropped", null);
    }

    /** The migration cannot go on (e.g. a value does not fit the new schema): the same clean-up, state failed. */
    public void fail(Connection c, MigrationRow row, String message) throws SQLException {
        retire(c, row, MigrationState.FAILED, "failed: shadow table " + row.shadowTable() + " dropped", message);
    }

    private void retire(Connection c, MigrationRow row, MigrationState to, String stage, String message)
            throws SQLException {
        if (lookup.latest(c, row.migrationId(), MarkerKind.START).isPresent()) {
            long stop = markers.insert(c, row.migrationId(), MarkerKind.STOP, row.tableSchema(), row.tableName());
            if (waiter.await(c, stop, System.nanoTime() + waitMs * 1_000_000L).isEmpty()) {
                LOG.warn("migration {}: the sink did not reach stop marker {} within {} ms; dropping the shadow anyway",
                        row.migrationId(), stop, waitMs);
            }
        }
        new ShadowTableBuilder(c).drop(row.tableSchema(), row.shadowTable());
        transitions.move(c, row.state(), to, stage, message);
    }
}
