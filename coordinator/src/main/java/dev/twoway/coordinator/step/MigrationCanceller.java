package dev.twoway.coordinator.step;

import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Step 6 (target cancelled before the cut-over): marker {@code stop} so the sink stops applying,
 * a bounded wait for the sink to pass it (so it does not write to a table being dropped), then the
 * shadow is dropped and the migration is cancelled (or failed). The production table is never touched.
 */
public final class MigrationCanceller {
    private static final Logger LOG = LoggerFactory.getLogger(MigrationCanceller.class);

    private final Sidecar sidecar;
    private final Tables tables;
    private final Transitions transitions;
    private final long waitMs;

    public MigrationCanceller(Sidecar sidecar, Tables tables, Transitions transitions, long waitMs) {
        this.sidecar = sidecar;
        this.tables = tables;
        this.transitions = transitions;
        this.waitMs = waitMs;
    }

    public void cancel(MigrationRow row) throws SQLException {
        retire(row, MigrationState.CANCELLED, "cancelled: " + undone(row), null);
    }

    /** The migration cannot go on (e.g. a value does not fit the new schema): the same clean-up, state failed. */
    public void fail(MigrationRow row, String message) throws SQLException {
        retire(row, MigrationState.FAILED, "failed: " + undone(row), message);
    }

    /** What the clean-up drops, in words: a DROP member made nothing. */
    private static String undone(MigrationRow row) {
        return switch (row.kind()) {
            case ALTER -> "shadow table " + row.shadowTable() + " dropped";
            case CREATE -> "staging table " + row.shadowTable() + " dropped; " + row.tableName() + " was never created";
            case DROP -> "nothing was made; " + row.tableName() + " stays";
        };
    }

    private void retire(MigrationRow row, MigrationState to, String stage, String message) throws SQLException {
        if (sidecar.latestMarker(row.migrationId(), MarkerKind.START).isPresent()) {
            long stop = sidecar.insertMarker(row.migrationId(), MarkerKind.STOP, row.tableSchema(), row.tableName());
            if (sidecar.awaitReached(stop, System.nanoTime() + waitMs * 1_000_000L).isEmpty()) {
                LOG.warn("migration {}: the sink did not reach stop marker {} within {} ms; dropping the shadow anyway",
                        row.migrationId(), stop, waitMs);
            }
        }
        if (!row.shadowTable().isEmpty()) {
            tables.drop(row.tableSchema(), row.shadowTable());
        }
        transitions.of(row.migrationId()).move(row.state(), to, stage, message);
    }
}
