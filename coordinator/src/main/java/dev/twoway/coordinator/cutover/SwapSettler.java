package dev.twoway.coordinator.cutover;

import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;

/**
 * Settles a swap (cut-over or revert) a previous coordinator left undecided, from what the
 * tables say: the incoming table's name gone and a real table parked means the RENAME happened
 * (done); anything else means it did not (aborted, sentry dropped). Then the state follows the
 * newest done swap, if a restart came between the swap and its state change.
 */
public final class SwapSettler {
    private static final Logger LOG = LoggerFactory.getLogger(SwapSettler.class);

    private final Sidecar sidecar;
    private final Tables tables;
    private final Transitions transitions;

    public SwapSettler(Sidecar sidecar, Tables tables, Transitions transitions) {
        this.sidecar = sidecar;
        this.tables = tables;
        this.transitions = transitions;
    }

    public void settle(MigrationRow row) throws SQLException {
        for (MarkerRow marker : sidecar.pendingSwaps(row.migrationId())) {
            settleSwap(row, marker);
        }
        Optional<MarkerRow> live = sidecar.latestDoneSwap(row.migrationId());
        if (live.isEmpty()) {
            return;
        }
        SwapPlan plan = SwapPlan.of(live.get().kind(), row);
        if (plan.to() != row.state()) {
            transitions.swapped(row.state(), plan.to(), Instant.now(), plan.doneStage() + " (settled after a restart)",
                    FreezePoint.describe(plan.word(), live.get(), row.freezeGtid()));
        }
    }

    private void settleSwap(MigrationRow row, MarkerRow marker) throws SQLException {
        SwapPlan plan = SwapPlan.of(marker.kind(), row);
        boolean swapped = SentryTable.swapped(tables, plan);
        MarkerOutcome outcome = swapped ? MarkerOutcome.DONE : MarkerOutcome.ABORTED;
        LOG.info("migration {}: settling pending {} marker {} as {} from the tables", row.migrationId(), plan.word(),
                marker.markerId(), outcome.wireName());
        sidecar.settle(marker.markerId(), outcome);
        if (!swapped) {
            tables.dropIfSentry(plan.schema(), plan.parking());
            restoreFreezePoint(row);
        }
    }

    /**
     * The aborted swap's freeze point is in the row; the previous swap's position is in its marker.
     * Its GTID set was only in the row, so it stays unknown here (the audit topic has it).
     */
    private void restoreFreezePoint(MigrationRow row) throws SQLException {
        Optional<MarkerRow> previous = sidecar.latestDoneSwap(row.migrationId());
        if (previous.isEmpty()) {
            sidecar.freezePoint(row.migrationId(), null, null, null, null);
            return;
        }
        MarkerRow m = previous.get();
        sidecar.freezePoint(row.migrationId(), null, m.reachedTopic(), m.reachedPartition(), m.reachedOffset());
    }
}
