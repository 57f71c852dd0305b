package dev.twoway.source;

import java.sql.Connection;
import java.sql.SQLException;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.state.MarkerErrorStore;
import dev.twoway.smt.UnroutableMarkerException;

/**
 * What the task does with a marker it cannot route: it drops it, logs why, and records it in
 * {@code marker_errors}, where the coordinator of its migration finds it and fails that
 * migration. Failing the task instead would stop every table's stream and fail again on the same
 * marker at every restart. Rare, so it opens a connection of its own each time.
 */
final class UnroutableMarkers {
    private static final Logger LOG = LoggerFactory.getLogger(UnroutableMarkers.class);

    private final String connector;
    private final ConnectionSettings settings;
    private final MarkerErrorStore store;

    UnroutableMarkers(String connector, ConnectionSettings settings, String sidecar) {
        this.connector = connector;
        this.settings = settings;
        this.store = new MarkerErrorStore(sidecar);
    }

    void dropped(UnroutableMarkerException e) {
        LOG.error("source {}: {}; the marker is dropped and its migration will fail", connector, e.getMessage());
        long markerId = parse(e.markerId());
        try (Connection c = settings.connect()) {
            store.record(c, markerId, connector, e.migrationId(), e.getMessage());
        }
        catch (SQLException failed) {
            LOG.error("source {}: cannot record the unroutable marker {} in marker_errors: {}", connector, e.markerId(),
                    failed.getMessage());
        }
    }

    private static long parse(String markerId) {
        try {
            return markerId == null ? 0 : Long.parseLong(markerId);
        }
        catch (NumberFormatException e) {
            return 0;
        }
    }
}
