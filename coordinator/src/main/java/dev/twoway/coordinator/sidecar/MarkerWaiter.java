package dev.twoway.coordinator.sidecar;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MarkerStore;

/** Waits until the sink has reached a marker, or a deadline passes. Only reads. */
public final class MarkerWaiter {
    static final long POLL_MS = 10;

    private final MarkerStore markers;

    public MarkerWaiter(String sidecar) {
        this.markers = new MarkerStore(sidecar);
    }

    /** The reached marker, or empty when it was not reached by {@code deadlineNanos} (System.nanoTime). */
    public Optional<MarkerRow> await(Connection c, long markerId, long deadlineNanos) throws SQLException {
        while (true) {
            Optional<MarkerRow> marker = reached(c, markerId);
            if (marker.isPresent() || System.nanoTime() >= deadlineNanos) {
                return marker;
            }
            try {
                Thread.sleep(POLL_MS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    public Optional<MarkerRow> reached(Connection c, long markerId) throws SQLException {
        return markers.find(c, markerId).filter(MarkerRow::reached);
    }
}
