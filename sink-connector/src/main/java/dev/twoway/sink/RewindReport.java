package dev.twoway.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.Sql;
import dev.twoway.core.jdbc.ConnectionSettings;

/**
 * Says, where the operator looks, that a topic lost what this sink had applied from it (see
 * {@link RewindGuard}): the reason the task fails with, and the same words in the state row of
 * every migration it concerns: the one the partition is routed along, those whose markers are in
 * the batch, and those holding the table the topic is named after. Writes on a connection of its
 * own, as the task's may be the one that broke.
 */
final class RewindReport {
    private static final Logger LOG = LoggerFactory.getLogger(RewindReport.class);

    private final ConnectionSettings settings;
    private final String sidecar;
    private final String connector;

    RewindReport(ConnectionSettings settings, String sidecar, String connector) {
        this.settings = settings;
        this.sidecar = sidecar;
        this.connector = connector;
    }

    /** The reason, in words. */
    String reason(RewindGuard.Rewind rewind) {
        String topic = rewind.partition().topic();
        return "twoway sink '" + connector + "': " + rewind.partition() + " delivered offset " + rewind.delivered()
                + ", but this sink's progress (" + sidecar + ".sink_progress) says it applied every record up to "
                + (rewind.storedNext() - 1) + ": the topic's log ends below the stored offset " + rewind.storedNext()
                + ", so it was deleted and created again (or the Kafka cluster was), and the consumer's position "
                + "was reset (auto.offset.reset) to " + rewind.delivered() + ". Nothing more is applied from it: its "
                + "records would be skipped as already applied. Migrations of its table cannot trust what they "
                + "copied since the changes of the lost log never reached them: cancel them. Then DELETE FROM "
                + Sql.qualified(sidecar, "sink_progress") + " WHERE connector = '" + connector + "' AND topic = '"
                + topic + "' (or deploy the sink under a new name) and restart the task";
    }

    /** Writes the reason into every concerned migration's message; logs (and swallows) a failure to. */
    void note(RewindGuard.Rewind rewind, Route route, Collection<SinkRecord> batch, String reason) {
        Set<String> migrations = new LinkedHashSet<>();
        if (route != null) {
            migrations.add(route.migrationId());
        }
        for (SinkRecord record : batch) {
            JournalRecord journal = JournalRecord.of(record);
            if (journal.partition().equals(rewind.partition())) {
                journal.marker().ifPresent(marker -> migrations.add(marker.migrationId()));
            }
        }
        try (Connection c = settings.connect()) {
            migrations.addAll(holdingTableOf(c, rewind.partition().topic()));
            String sql = "UPDATE " + Sql.qualified(sidecar, "migrations") + " SET message = ? WHERE migration_id = ?";
            try (PreparedStatement s = c.prepareStatement(sql)) {
                for (String migration : migrations) {
                    s.setString(1, reason);
                    s.setString(2, migration);
                    s.executeUpdate();
                }
            }
        }
        catch (SQLException e) {
            LOG.warn("cannot write the reason into the state rows of {}: {}", migrations, e.getMessage());
        }
    }

    /** Migrations holding the table the topic is named after ({@code <prefix>.<db>.<table>}). */
    private Set<String> holdingTableOf(Connection c, String topic) throws SQLException {
        Set<String> found = new LinkedHashSet<>();
        String[] parts = topic.split("\\.");
        if (parts.length < 3) {
            return found;
        }
        String sql = "SELECT migration_id FROM " + Sql.qualified(sidecar, "migrations") + " WHERE table_schema = ? "
                + "AND table_name = ? AND state IN ('queued', 'running', 'ready', 'complete', 'reverted')";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, parts[parts.length - 2]);
            s.setString(2, parts[parts.length - 1]);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    found.add(rs.getString(1));
                }
            }
        }
        return found;
    }
}
