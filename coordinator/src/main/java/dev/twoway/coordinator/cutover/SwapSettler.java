package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.Transitions;
import dev.twoway.core.state.MarkerLookup;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;

/**
 * Settles a swap (cut-over or revert) a previous coordinator left undecided, from what the
 * tables say: the incoming table's name gone and a real table parked means the RENAME happened
 * (done); anything else means it did not (aborted, sentry dropped). Then the state follows the
 * newest done swap, if a restart came between the swap and its state change.
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
            settleSwap(c, row, marker);
        }
        Optional<MarkerRow> live = lookup.latestDoneSwap(c, row.migrationId());
        if (live.isEmpty()) {
            return;
        }
        SwapPlan plan = SwapPlan.of(live.get().kind(), row);
        if (plan.to() != row.state()) {
            transitions.swapped(c, row.state(), plan.to(), Instant.now(), plan.doneStage() + " (settled after a restart)",
                    FreezePoint.describe(plan.word(), live.get(), row.freezeGtid()));
        }
    }

    private void settleSwap(Connection c, MigrationRow row, MarkerRow marker) throws SQLException {
        SwapPlan plan = SwapPlan.of(marker.kind(), row);
        boolean swapped = SentryTable.swapped(c, plan);
        MarkerOutcome outcome = swapped ? MarkerOutcome.DONE : MarkerOutcome.ABORTED;
        LOG.info("migration {}: settling pending {} marker {} as {} from the tables", row.migrationId(), plan.word(),
                marker.markerId(), outcome.wireName());
        markers.settle(c, marker.markerId(), outcome);
        if (!swapped) {
            SentryTable.dropIfSentry(c, plan.schema(), plan.parking());
            restoreFreezePoint(c, row);
        }
    }

    /**
     * The aborted swap's freeze point is in the row; the previous swap's position is in its marker.
     * Its GTID set was only in the row, so it stays unknown here (the audit topic has it).
     */
    private void restoreFreezePoint(Connection c, MigrationRow row) throws SQLException {
        Optional<MarkerRow> previous = lookup.latestDoneSwap(c, row.migrationId());
        if (previous.isEmpty()) {
            progress.freezePoint(c, row.migrationId(), null, null, null, null);
            return;
        }
        MarkerRow m = previous.get();
        progress.freezePoint(c, row.migrationId(), null, m.reachedTopic(), m.reachedPartition(), m.reachedOffset());
    }
}
