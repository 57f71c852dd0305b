package dev.twoway.coordinator.step;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.validate.RevertRefusal;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Turns what the sink found about a migration, its own facts in the sidecar, into the
 * coordinator's transitions: once the cut-over happened, an old table that refused an inverse
 * write makes the migration not revertible (the sink's reason in the message, an audit record);
 * nothing else changes, and a revert asked for is refused with that reason. After a revert, a
 * forward write the parked new table refused makes it not re-appliable the same way. Decides and writes
 * the row; the sink never writes the coordinator's state.
 */
public final class SinkVerdicts {
    private static final Logger LOG = LoggerFactory.getLogger(SinkVerdicts.class);

    private final Sidecar sidecar;
    private final Transitions transitions;

    public SinkVerdicts(Sidecar sidecar, Transitions transitions) {
        this.sidecar = sidecar;
        this.transitions = transitions;
    }

    /**
     * The sink's reason why the migration cannot swap back, once it has been swapped; empty when
     * there is none. Complete: the old table refused an inverse write (no revert). Reverted: the
     * parked new table refused a forward write made after the revert (no re-apply: it would lose it).
     */
    public Optional<String> swapBackRefusal(MigrationRow row) throws SQLException {
        if (row.state() == MigrationState.COMPLETE) {
            return sidecar.sinkInverseRefusal(row.migrationId());
        }
        if (row.state() == MigrationState.REVERTED) {
            return sidecar.sinkRefusal(row.migrationId()).map(RevertRefusal::notReappliable);
        }
        return Optional.empty();
    }

    /** True when the row changed: the migration became not revertible with the sink's reason. */
    public boolean apply(MigrationRow row) throws SQLException {
        return apply(List.of(row));
    }

    /**
     * A request reverts whole or not at all: one member the sink found not revertible makes every
     * member not revertible, each row naming the member and the sink's reason. True when rows changed.
     */
    public boolean apply(List<MigrationRow> rows) throws SQLException {
        if (rows.stream().noneMatch(MigrationRow::revertible)) {
            return false;
        }
        for (MigrationRow culprit : rows) {
            Optional<String> reason = swapBackRefusal(culprit);
            if (reason.isPresent()) {
                LOG.warn("migration {}: not revertible: {}", culprit.migrationId(), reason.get());
                String verdict = culprit.state() == MigrationState.REVERTED ? "not re-appliable" : "not revertible";
                String message = rows.size() == 1 ? reason.get() : verdict + ": member '" + culprit.migrationId()
                        + "' (" + culprit.kind().name() + " TABLE " + culprit.tableSchema() + "." + culprit.tableName()
                        + "): " + withoutPrefix(reason.get(), verdict + ": ");
                for (MigrationRow row : rows) {
                    if (row.revertible()) {
                        transitions.of(row.migrationId()).notRevertible(row.state(),
                                row.state().wireName() + ": " + verdict, message);
                    }
                }
                return true;
            }
        }
        return false;
    }

    private static String withoutPrefix(String reason, String prefix) {
        return reason.startsWith(prefix) ? reason.substring(prefix.length()) : reason;
    }
}
