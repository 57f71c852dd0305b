package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.Transitions;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerLookup;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Settles a cut-over a previous coordinator left undecided, from what the tables say: the
 * shadow gone and a real old table present means the RENAME happened (done, and complete if the
 * state is not yet); anything else means it did not (aborted, sentry dropped).
 */
public final class SwapSettler {
    private static final Logger LOG = LoggerFactory.getLogger(SwapSettler.class);

    private final MarkerLookup lookup;
    private final MarkerStore markers;
    private final MigrationProgressStore progress;
    private final Transitions transitions;

    public SwapSettler(String sidecar, Transitions transitions) {
        this.lookup = new MarkerLookup(sidecar);
        this.markers = new MarkerStore(sidecar);
        this.progress = new MigrationProgressStore(sidecar);
        this.transitions = transitions;
    }

    public void settle(Connection c, MigrationRow row) throws SQLException {
        for (MarkerRow marker : lookup.pendingSwaps(c, row.migrationId())) {
            if (marker.kind() != MarkerKind.CUTOVER) {
                LOG.warn("migration {}: pending {} marker {} is not settled by this version", row.migrationId(),
                        marker.kind().wireName(), marker.markerId());
                continue;
            }
            settleCutover(c, row, marker);
        }
        if (row.state() == MigrationState.READY && lookup.latest(c, row.migrationId(), MarkerKind.CUTOVER)
                .map(m -> m.outcome() == MarkerOutcome.DONE).orElse(false)) {
            transitions.complete(c, Instant.now(), "complete: tables swapped (settled after a restart)");
        }
    }

    private void settleCutover(Connection c, MigrationRow row, MarkerRow marker) throws SQLException {
        boolean swapped = SentryTable.swapped(c, row.tableSchema(), row.tableName(), row.shadowTable(),
                row.oldTable());
        MarkerOutcome outcome = swapped ? MarkerOutcome.DONE : MarkerOutcome.ABORTED;
        LOG.info("migration {}: settling pending cut-over marker {} as {} from the tables", row.migrationId(),
                marker.markerId(), outcome.wireName());
        markers.settle(c, marker.markerId(), outcome);
        if (!swapped) {
            SentryTable.dropIfSentry(c, row.tableSchema(), row.oldTable());
            progress.freezePoint(c, row.migrationId(), null, null, null, null);
        }
    }
}
