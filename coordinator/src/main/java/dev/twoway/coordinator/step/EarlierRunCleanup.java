package dev.twoway.coordinator.step;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.sidecar.MarkerWaiter;
import dev.twoway.coordinator.sidecar.MySqlTables;
import dev.twoway.coordinator.validate.EarlierRun;
import dev.twoway.core.state.CopyKeyRangeStore;
import dev.twoway.core.state.CopyRangeStore;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerLookup;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.TableNames;

/**
 * Undoes what an earlier run under a migration id left before its cut-over (see {@link EarlierRun}),
 * so the new run starts from nothing: a pending swap is settled aborted (no swap happened, or the
 * id would be refused), a sink still routing along the id is stopped by a stop marker (waited for,
 * bounded, so it does not write into a table being dropped), the shadow and any sentry are dropped,
 * and the start, sync and stop markers and copy ranges are forgotten. The audit rows stay: they
 * are the history, and the new run's follow them in seq order. Writes; never touches the table.
 */
public final class EarlierRunCleanup {
    private static final Logger LOG = LoggerFactory.getLogger(EarlierRunCleanup.class);

    private final String migrationId;
    private final MarkerStore markers;
    private final MarkerLookup lookup;
    private final MarkerWaiter waiter;
    private final CopyRangeStore ranges;
    private final CopyKeyRangeStore keyRanges;
    private final long waitMs;

    public EarlierRunCleanup(String migrationId, String sidecar, long waitMs) {
        this.migrationId = migrationId;
        this.markers = new MarkerStore(sidecar);
        this.lookup = new MarkerLookup(sidecar);
        this.waiter = new MarkerWaiter(sidecar);
        this.ranges = new CopyRangeStore(sidecar);
        this.keyRanges = new CopyKeyRangeStore(sidecar);
        this.waitMs = waitMs;
    }

    public void clean(Connection c, EarlierRun run) throws SQLException {
        LOG.warn("migration {}: has no state row but an earlier run left {}; starting clean", migrationId,
                run.describe());
        for (MarkerRow swap : lookup.pendingSwaps(c, migrationId)) {
            markers.settle(c, swap.markerId(), MarkerOutcome.ABORTED);
        }
        if (run.routed() && !run.tables().isEmpty()) {
            stopRoute(c, run.tables().get(0));
        }
        ShadowTableBuilder builder = new ShadowTableBuilder(c);
        for (EarlierRun.Table table : run.tables()) {
            new MySqlTables(c).dropIfSentry(table.schema(), TableNames.old(table.name(), migrationId));
            builder.drop(table.schema(), TableNames.shadow(table.name(), migrationId));
        }
        markers.forgetRun(c, migrationId);
        ranges.clear(c, migrationId);
        keyRanges.clear(c, migrationId);
    }

    private void stopRoute(Connection c, EarlierRun.Table table) throws SQLException {
        long stop = markers.insert(c, migrationId, MarkerKind.STOP, table.schema(), table.name());
        if (waiter.await(c, stop, System.nanoTime() + waitMs * 1_000_000L).isEmpty()) {
            LOG.warn("migration {}: the sink did not reach stop marker {} of the earlier run within {} ms; "
                    + "dropping its shadow anyway", migrationId, stop, waitMs);
        }
    }
}
