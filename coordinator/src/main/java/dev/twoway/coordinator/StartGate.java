package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

import dev.twoway.core.Sql;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.MigrationRow;

/**
 * Holds the copy until the sink has reached a start marker. A start marker committed before the
 * source streams (the three connectors deployed at once, say) never reaches the topic, and a
 * copy started then would miss every change made while it runs. So the copy begins only after
 * a start marker the sink has reached: everything after it is applied forward. An unreached one
 * is replaced after a while; the sink takes the latest start as its own. Decides and writes
 * markers; never touches rows.
 */
final class StartGate {
    static final long REPLACE_AFTER_MS = 5_000;
    /** How the notes of a migration waiting for its start marker begin (the sink's too): cleared once it is reached. */
    static final String WAITING = "waiting: ";
    private static final long WAIT_NANOS = 1_000_000_000L;

    private final String markersTable;
    private final MarkerStore markers;
    private final MigrationStore store;
    private final MigrationProgressStore progress;
    private final String sidecar;

    StartGate(String sidecar) {
        this.sidecar = sidecar;
        this.progress = new MigrationProgressStore(sidecar);
        this.markersTable = Sql.qualified(sidecar, "markers");
        this.markers = new MarkerStore(sidecar);
        this.store = new MigrationStore(sidecar);
    }

    /** True once the latest start marker is reached; otherwise says what it waits for (and may replace it). */
    boolean open(Connection c, MigrationRow row) throws SQLException {
        long[] latest = awaitReached(c, row.migrationId());
        if (latest != null && latest[1] == 1) {
            progress.clearNote(c, row.migrationId(), WAITING);
            return true;
        }
        long waitingFor = latest == null ? 0 : latest[0];
        if (latest == null || latest[2] > REPLACE_AFTER_MS) {
            waitingFor = markers.insert(c, row.migrationId(), MarkerKind.START, row.tableSchema(), row.tableName());
        }
        String stage = "waiting for the sink to reach start marker " + waitingFor
                + " before copying (is the source streaming and the sink subscribed to the table's topic?)";
        store.stage(c, row.migrationId(), stage);
        noteSinks(c, row, stage);
        return false;
    }

    /**
     * Says in the row, within a tick, when no running sink takes the table's topic, and takes it
     * back when one does; a note the sink wrote itself (a grant it lacks) is left alone.
     */
    private void noteSinks(Connection c, MigrationRow row, String stage) throws SQLException {
        Optional<String> problem = SinkCoverage.waiting(c, sidecar, row.tableSchema(), row.tableName());
        String message = row.message();
        boolean ours = message == null || message.startsWith(WAITING + SinkCoverage.NO_SINK);
        if (problem.isPresent() && ours && !(WAITING + problem.get()).equals(message)) {
            progress.note(c, row.migrationId(), stage, WAITING + problem.get());
        }
        else if (problem.isEmpty() && message != null && message.startsWith(WAITING + SinkCoverage.NO_SINK)) {
            progress.clearNote(c, row.migrationId(), WAITING + SinkCoverage.NO_SINK);
        }
    }

    /** Polls the latest start marker for up to a second (the sink usually reaches it in tens of ms). */
    private long[] awaitReached(Connection c, String migrationId) throws SQLException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        long[] latest = latestStart(c, migrationId);
        while (latest != null && latest[1] == 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(10);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return latest;
            }
            latest = latestStart(c, migrationId);
        }
        return latest;
    }

    /** The latest start marker as {id, reached (1/0), age in ms}, or null when there is none. */
    private long[] latestStart(Connection c, String migrationId) throws SQLException {
        String sql = "SELECT marker_id, reached_offset IS NOT NULL, TIMESTAMPDIFF(MICROSECOND, created_at, "
                + "CURRENT_TIMESTAMP(3)) DIV 1000 FROM " + markersTable + " WHERE migration_id = ? AND kind = ? "
                + "ORDER BY marker_id DESC LIMIT 1";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            s.setString(2, MarkerKind.START.wireName());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? new long[] {rs.getLong(1), rs.getBoolean(2) ? 1 : 0, rs.getLong(3)} : null;
            }
        }
    }
}
