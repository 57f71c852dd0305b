package dev.twoway.coordinator.validate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.MigrationStore;

/**
 * Whether a deployment may take a migration id whose rows exist (a migration's, or a request's
 * members'): only to go on with the same statements. Others would make the task fail at once
 * ("exists with another statement"), and a migration that failed or was cancelled never runs
 * again, so a deployment would sit idle; both are refused at validate, with what the rows say.
 * (Without rows, an earlier run's leftovers are the admission's: {@link EarlierRun}.) Only reads.
 */
public final class ExistingMigration {
    private ExistingMigration() {
    }

    /** Whether the id has rows. */
    public static boolean exists(Connection c, String sidecar, String migrationId) throws SQLException {
        return new TableInspector(c).exists(sidecar, "migrations")
                && !new MigrationStore(sidecar).members(c, migrationId).isEmpty();
    }

    public static Optional<String> problem(Connection c, String sidecar, String migrationId, String ddl)
            throws SQLException {
        if (!new TableInspector(c).exists(sidecar, "migrations")) {
            return Optional.empty();
        }
        List<MigrationRow> members = new MigrationStore(sidecar).members(c, migrationId);
        if (members.isEmpty()) {
            return Optional.empty();
        }
        MigrationRow row = members.get(0);
        if (!RequestValidation.sameStatements(members, ddl)) {
            String held = String.join("; ", members.stream().map(MigrationRow::ddl).toList());
            return Optional.of("migration '" + migrationId + "' exists (state " + row.state().wireName()
                    + ") with another statement: [" + abbreviate(held) + "]. A migration's statement cannot "
                    + "change; use a new migration.id for a new statement");
        }
        Optional<MigrationRow> ended = members.stream().filter(m -> m.state() == MigrationState.FAILED
                || m.state() == MigrationState.CANCELLED).findFirst();
        if (ended.isPresent()) {
            row = ended.get();
            return Optional.of("migration '" + migrationId + "' is " + row.state().wireName()
                    + (row.message() == null ? "" : " (" + abbreviate(row.message()) + ")")
                    + " and never runs again: use a new migration.id, or delete its row from " + sidecar
                    + ".migrations to run this one again from the start");
        }
        return Optional.empty();
    }

    private static String abbreviate(String text) {
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
