package dev.twoway.sink;

import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.Sql;
import dev.twoway.core.state.MigrationRow;

/**
 * Whether this sink may take on a migration at its start marker: its MySQL user must hold
 * SELECT, INSERT, UPDATE and DELETE on the table's database (the shadow and the old table are
 * created there later, so only a database-level grant covers them). One that lacks any leaves
 * the start marker unreached, says which in the migration's row and goes on with every other
 * table; the coordinator places a new start marker every few seconds, and a grant given meanwhile
 * is seen at the next heartbeat. Without this, the task failed at the first row it wrote,
 * stopping every table. Reads; writes only the note.
 */
final class StartGrants implements JournalApplier.StartCheck {
    static final List<String> NEEDED = List.of("SELECT", "INSERT", "UPDATE", "DELETE");
    /** Starts the note, so the coordinator knows to clear it once the start marker is reached. */
    static final String PREFIX = "waiting: ";
    private static final Logger LOG = LoggerFactory.getLogger(StartGrants.class);

    private final SinkPresence presence;
    private final MigrationTargets.Lookup migrations;
    private final String connector;

    StartGrants(SinkPresence presence, MigrationTargets.Lookup migrations, String connector) {
        this.presence = presence;
        this.migrations = migrations;
        this.connector = connector;
    }

    @Override
    public Optional<String> refusal(String migrationId, long markerId) throws SQLException {
        Optional<MigrationRow> row = migrations.find(migrationId);
        if (row.isEmpty()) {
            return Optional.empty(); // the route ends at its first record (see JournalApplier)
        }
        String database = row.get().tableSchema();
        List<String> missing = presence.grants().missingOn(database, NEEDED);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        String reason = PREFIX + "sink '" + connector + "' (MySQL user " + presence.user() + ") lacks "
                + String.join(", ", missing) + " on " + Sql.quote(database) + ", where it writes this migration's "
                + "shadow and old tables, so it leaves start marker " + markerId + " unreached: GRANT SELECT, INSERT, "
                + "UPDATE, DELETE ON " + Sql.quote(database.replace("_", "\\_")) + ".* to it (see the README's grants); "
                + "it looks again at the next start marker";
        LOG.warn("migration '{}': {}", migrationId, reason);
        presence.note(migrationId, reason);
        return Optional.of(reason);
    }
}
