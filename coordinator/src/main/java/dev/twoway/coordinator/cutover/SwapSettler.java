package dev.twoway.coordinator.cutover;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;

/**
 * Settles a group's swap (cut-over or revert) a previous coordinator left undecided, from what the
 * tables say: a member's incoming table's name gone and a real table parked means the RENAME
 * happened (done); anything else means it did not (aborted, every sentry of the attempt dropped).
 * The group's RENAME is one statement, so the tables say the same of every member. Then every
 * member's state follows the schema live (its newest done swap marker; for a member without a
 * stream, its tables), all in one transaction, if a restart came between the swap and its state
 * change.
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

    /** A single migration: a group of one. */
    public void settle(MigrationRow row) throws SQLException {
        settle(List.of(row));
    }

    /** {@code rows}: every member of the group, in deploy order. */
    public void settle(List<MigrationRow> rows) throws SQLException {
        for (MigrationRow row : rows) {
            for (MarkerRow marker : sidecar.pendingSwaps(row.migrationId())) {
                if (marker.kind() == MarkerKind.CHECKSUM) {
                    // A checksum a restart cut short: its snapshots died with their connections; the sink goes on.
                    sidecar.settle(marker.markerId(), MarkerOutcome.ABORTED);
                    continue;
                }
                settleSwap(rows, row, marker);
            }
        }
        List<Sidecar.SwapMove> moves = new ArrayList<>();
        for (MigrationRow row : rows) {
            live(rows, row).ifPresent(moves::add);
        }
        if (!moves.isEmpty()) {
            transitions.swapped(moves, Instant.now());
        }
    }

    private void settleSwap(List<MigrationRow> rows, MigrationRow row, MarkerRow marker) throws SQLException {
        SwapPlan plan = SwapPlan.of(marker.kind(), rows);
        boolean swapped = SentryTable.swapped(tables, plan.member(row.migrationId()));
        MarkerOutcome outcome = swapped ? MarkerOutcome.DONE : MarkerOutcome.ABORTED;
        LOG.info("migration {}: settling pending {} marker {} as {} from the tables", row.migrationId(), plan.word(),
                marker.markerId(), outcome.wireName());
        sidecar.settle(marker.markerId(), outcome);
        if (!swapped) {
            for (SwapPlan.Member member : plan.live()) {
                tables.dropIfSentry(member.schema(), member.parking());
            }
            restoreFreezePoint(row);
        }
    }

    /** The move that brings the member's state to the schema live, if its state says otherwise. */
    private Optional<Sidecar.SwapMove> live(List<MigrationRow> rows, MigrationRow row) throws SQLException {
        SwapPlan plan;
        String freeze;
        if (SwapPlan.forward(row).member(row.migrationId()).streamed()) {
            Optional<MarkerRow> done = sidecar.latestDoneSwap(row.migrationId());
            if (done.isEmpty()) {
                return Optional.empty();
            }
            plan = SwapPlan.of(done.get().kind(), rows);
            freeze = FreezePoint.describe(plan.word(), done.get(), row.freezeGtid());
        }
        else {
            Optional<SwapPlan> swapped = swappedByTables(rows, row);
            if (swapped.isEmpty()) {
                return Optional.empty();
            }
            plan = swapped.get();
            freeze = FreezePoint.describe(plan.word(), null, row.freezeGtid());
        }
        if (plan.to() == row.state()) {
            return Optional.empty();
        }
        return Optional.of(new Sidecar.SwapMove(row.migrationId(), row.state(), plan.to(),
                plan.doneStage(plan.member(row.migrationId())) + " (settled after a restart)", freeze));
    }

    /** For a member without a stream: the swap its tables show done from its state, if they do. */
    private Optional<SwapPlan> swappedByTables(List<MigrationRow> rows, MigrationRow row) throws SQLException {
        SwapPlan plan = switch (row.state()) {
            case READY, REVERTED -> SwapPlan.forward(rows);
            case COMPLETE -> SwapPlan.backward(rows);
            default -> null;
        };
        if (plan == null || !SentryTable.swapped(tables, plan.member(row.migrationId()))) {
            return Optional.empty();
        }
        return Optional.of(plan);
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
