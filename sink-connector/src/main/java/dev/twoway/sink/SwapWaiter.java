package dev.twoway.sink;

import java.sql.SQLException;
import java.util.Optional;
import java.util.function.LongSupplier;

import org.apache.kafka.connect.errors.ConnectException;

import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;

/**
 * Waits, bounded, for the coordinator to settle a cutover or revert marker the sink has reached.
 * The sink cannot route the records after the marker before it knows whether the tables were
 * swapped. Time and sleeping are seams so tests need not wait.
 */
public final class SwapWaiter {
    static final long POLL_INTERVAL_MS = 10;

    /** Reads one marker row. */
    @FunctionalInterface
    public interface Lookup {
        Optional<MarkerRow> find(long markerId) throws SQLException;
    }

    /** Sleeps between polls. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    private final Lookup lookup;
    private final long waitMs;
    private final LongSupplier nanoClock;
    private final Sleeper sleeper;

    public SwapWaiter(Lookup lookup, long waitMs) {
        this(lookup, waitMs, System::nanoTime, Thread::sleep);
    }

    public SwapWaiter(Lookup lookup, long waitMs, LongSupplier nanoClock, Sleeper sleeper) {
        this.lookup = lookup;
        this.waitMs = waitMs;
        this.nanoClock = nanoClock;
        this.sleeper = sleeper;
    }

    /** {@code done} or {@code aborted}, or {@code pending} when still unsettled after the wait. */
    public MarkerOutcome await(MarkerEvent marker) throws SQLException {
        long deadline = nanoClock.getAsLong() + waitMs * 1_000_000L;
        while (true) {
            MarkerOutcome outcome = outcome(marker);
            if (outcome == MarkerOutcome.DONE || outcome == MarkerOutcome.ABORTED) {
                return outcome;
            }
            if (nanoClock.getAsLong() - deadline >= 0) {
                return MarkerOutcome.PENDING;
            }
            try {
                sleeper.sleep(POLL_INTERVAL_MS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return MarkerOutcome.PENDING;
            }
        }
    }

    private MarkerOutcome outcome(MarkerEvent marker) throws SQLException {
        MarkerRow row = lookup.find(marker.markerId()).orElseThrow(() -> new ConnectException(
                marker.kind().wireName() + " marker " + marker.markerId() + " of migration '" + marker.migrationId()
                        + "' is in the topic but not in the markers table"));
        return row.outcome() == null ? MarkerOutcome.PENDING : row.outcome();
    }
}
