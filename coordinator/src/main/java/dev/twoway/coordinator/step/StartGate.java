package dev.twoway.coordinator.step;

import java.sql.SQLException;
import java.util.Optional;
import java.util.OptionalLong;

import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.SinkCoverage;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;

/**
 * Holds the copy until the sink has reached a start marker. A start marker committed before the
 * source streams (the three connectors deployed at once, say) never reaches the topic, and a
 * copy started then would miss every change made while it runs. So the copy begins only after
 * a start marker the sink has reached: everything after it is applied forward. An unreached one
 * is replaced after a while; the sink takes the latest start as its own. Decides and writes
 * markers; never touches rows.
 */
public final class StartGate {
    static final long REPLACE_AFTER_MS = 5_000;
    /** How the notes of a migration waiting for its start marker begin (the sink's too): cleared once it is reached. */
    public static final String WAITING = "waiting: ";
    private static final long WAIT_NANOS = 1_000_000_000L;
    private static final long POLL_MS = 10;

    private final Sidecar sidecar;

    public StartGate(Sidecar sidecar) {
        this.sidecar = sidecar;
    }

    /** True once the latest start marker is reached; otherwise says what it waits for (and may replace it). */
    public boolean open(MigrationRow row) throws SQLException {
        Optional<MarkerRow> latest = awaitReached(row.migrationId());
        if (latest.isPresent() && latest.get().reached()) {
            sidecar.clearNote(row.migrationId(), WAITING);
            return true;
        }
        long waitingFor = latest.map(MarkerRow::markerId).orElse(0L);
        if (latest.isEmpty() || ageMs(latest.get()) > REPLACE_AFTER_MS) {
            waitingFor = sidecar.insertMarker(row.migrationId(), MarkerKind.START, row.tableSchema(), row.tableName());
        }
        String stage = "waiting for the sink to reach start marker " + waitingFor
                + " before copying (is the source streaming and the sink subscribed to the table's topic?)";
        sidecar.stage(row.migrationId(), stage);
        noteSinks(row, stage);
        return false;
    }

    private long ageMs(MarkerRow marker) throws SQLException {
        OptionalLong age = sidecar.markerAgeMs(marker.markerId());
        return age.isPresent() ? age.getAsLong() : Long.MAX_VALUE;
    }

    /**
     * Says in the row, within a tick, when no running sink takes the table's topic, and takes it
     * back when one does; a note the sink wrote itself (a grant it lacks) is left alone.
     */
    private void noteSinks(MigrationRow row, String stage) throws SQLException {
        Optional<String> problem = sidecar.sinkWaiting(row.tableSchema(), row.tableName());
        String message = row.message();
        boolean ours = message == null || message.startsWith(WAITING + SinkCoverage.NO_SINK);
        if (problem.isPresent() && ours && !(WAITING + problem.get()).equals(message)) {
            sidecar.note(row.migrationId(), stage, WAITING + problem.get());
        }
        else if (problem.isEmpty() && message != null && message.startsWith(WAITING + SinkCoverage.NO_SINK)) {
            sidecar.clearNote(row.migrationId(), WAITING + SinkCoverage.NO_SINK);
        }
    }

    /** Polls the latest start marker for up to a second (the sink usually reaches it in tens of ms). */
    private Optional<MarkerRow> awaitReached(String migrationId) throws SQLException {
        long deadline = System.nanoTime() + WAIT_NANOS;
        Optional<MarkerRow> latest = sidecar.latestMarker(migrationId, MarkerKind.START);
        while (latest.isPresent() && !latest.get().reached() && System.nanoTime() < deadline) {
            try {
                Thread.sleep(POLL_MS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return latest;
            }
            latest = sidecar.latestMarker(migrationId, MarkerKind.START);
        }
        return latest;
    }
}
