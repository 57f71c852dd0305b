package dev.twoway.coordinator.step;

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
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.TableNames;

/**
 * Step 8: the revert window closed. Marker {@code stop} first, and nothing more until the sink has
 * reached it (it must not write to a table being retired); then the table not live is renamed to
 * its hold name (named once, in {@code retired_table}, before the rename) or dropped, and the state
 * goes finalized. Every tick redoes only what is left, so a restart anywhere is safe.
 */
public final class WindowCloser {
    private static final Logger LOG = LoggerFactory.getLogger(WindowCloser.class);

    private final Sidecar sidecar;
    private final Tables tables;
    private final Transitions transitions;
    private final long waitMs;
    private final boolean drop;

    public WindowCloser(Sidecar sidecar, Tables tables, Transitions transitions, long waitMs, boolean drop) {
        this.sidecar = sidecar;
        this.tables = tables;
        this.transitions = transitions;
        this.waitMs = waitMs;
        this.drop = drop;
    }

    public void close(MigrationRow row) throws SQLException {
        close(List.of(row));
    }

    /**
     * A request's window: every member the sink applies stopped first (nothing is retired while one
     * of them is not), then each member's table not live retired, then every member finalized in one
     * transaction.
     */
    public void close(List<MigrationRow> rows) throws SQLException {
        boolean stopped = true;
        for (MigrationRow row : rows) {
            if (row.kind().streamed() && !sinkStopped(row)) {
                stopped = false;
            }
        }
        if (!stopped) {
            return;
        }
        List<Sidecar.Move> moves = new ArrayList<>();
        for (MigrationRow row : rows) {
            String retired = row.state() == MigrationState.COMPLETE ? row.oldTable() : row.shadowTable();
            String stage = retired.isEmpty() ? "finalized: the revert window closed at " + row.revertibleUntil()
                    + "; nothing to retire (" + row.tableName() + " is live, with no other table beside it)"
                    : drop ? retireByDrop(row, retired) : retireByRename(row, retired);
            moves.add(new Sidecar.Move(row.migrationId(), row.state(), MigrationState.FINALIZED, stage, row.message()));
        }
        transitions.move(moves);
    }

    /** A complete or reverted migration inserts a stop marker only here, so an existing one is ours. */
    private boolean sinkStopped(MigrationRow row) throws SQLException {
        Optional<MarkerRow> existing = sidecar.latestMarker(row.migrationId(), MarkerKind.STOP);
        long stop = existing.isPresent() ? existing.get().markerId()
                : sidecar.insertMarker(row.migrationId(), MarkerKind.STOP, row.tableSchema(), row.tableName());
        if (sidecar.awaitReached(stop, System.nanoTime() + waitMs * 1_000_000L).isPresent()) {
            return true;
        }
        String stage = "finalizing: the revert window closed at " + row.revertibleUntil()
                + "; waiting for the sink to reach stop marker " + stop;
        if (!stage.equals(row.stage())) {
            sidecar.stage(row.migrationId(), stage);
            LOG.warn("migration {}: the sink did not reach stop marker {} within {} ms; retiring waits for it",
                    row.migrationId(), stop, waitMs);
        }
        return false;
    }

    private String retireByRename(MigrationRow row, String retired) throws SQLException {
        String hold = sidecar.retiring(row.migrationId(),
                TableNames.hold(row.tableName(), row.migrationId(), Instant.now()));
        if (tables.exists(row.tableSchema(), retired) && !tables.exists(row.tableSchema(), hold)) {
            tables.rename(row.tableSchema(), retired, hold);
        }
        return "finalized: the revert window closed at " + row.revertibleUntil() + "; " + retired + " kept as "
                + hold;
    }

    private String retireByDrop(MigrationRow row, String retired) throws SQLException {
        tables.drop(row.tableSchema(), retired);
        return "finalized: the revert window closed at " + row.revertibleUntil() + "; " + retired + " dropped";
    }
}
