package dev.twoway.coordinator.throttle;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

import dev.twoway.coordinator.sidecar.Connections;

/**
 * The throttle of one member's copy: reads the watched figures at most once per
 * {@code migration.throttle.check.ms} (on its own auto-commit connection, never one holding a
 * chunk's transaction; a replica on its own), lets {@link Throttle} decide, and holds the copy's
 * workers between chunks while throttled. Shared by the copy's workers: the readings and the
 * decision are serialised here. Counts the time the copy spent throttled.
 */
public final class CopyThrottle implements AutoCloseable {
    /** How often a held worker looks again (whether it is released, or the copy stops). */
    static final long HOLD_POLL_MS = 50;

    private final ThrottleSettings settings;
    private final Connections connections;
    private final SinkLag sinkLag;
    private final List<ReplicaLag> replicas = new ArrayList<>();
    private final Throttle throttle;
    private Connection connection;
    private long readAt = Long.MIN_VALUE / 2;
    private long throttledNanos;
    private long countedAt;

    public CopyThrottle(ThrottleSettings settings, Connections connections, SinkLag sinkLag) {
        this.settings = settings;
        this.connections = connections;
        this.sinkLag = sinkLag;
        this.throttle = new Throttle(settings.minPauseMs());
        if (settings.replicaLagMs() > 0) {
            settings.replicas().forEach(url -> replicas.add(new ReplicaLag(url, settings.replicaUser(),
                    settings.replicaPassword())));
        }
    }

    /** The verdict now, the figures read again when the last reading is older than the check interval. */
    public synchronized Throttle.Verdict check() {
        long now = System.nanoTime();
        if (!settings.active()) {
            return Throttle.Verdict.CLEAR;
        }
        if (now - readAt >= settings.checkMs() * 1_000_000L) {
            count(now);
            throttle.decide(settings.paused(), settings.paused() ? List.of() : readings(now), now);
            readAt = now;
        }
        return throttle.verdict();
    }

    /**
     * Holds the calling worker while the copy is throttled, between two chunks (it holds no
     * transaction); false when {@code stopping} says so first.
     */
    public boolean pass(BooleanSupplier stopping) throws InterruptedException {
        while (check().throttled()) {
            if (stopping.getAsBoolean()) {
                return false;
            }
            Thread.sleep(HOLD_POLL_MS);
        }
        return !stopping.getAsBoolean();
    }

    /** Milliseconds the copy was throttled, up to the last check (for the task's metrics). */
    public synchronized long throttledMs() {
        return throttledNanos / 1_000_000L;
    }

    private void count(long now) {
        if (throttle.verdict().throttled()) {
            throttledNanos += now - Math.max(countedAt, throttle.verdict().sinceNanos());
        }
        countedAt = now;
    }

    private List<Reading> readings(long now) {
        List<Reading> readings = new ArrayList<>();
        if (settings.threadsRunning() > 0) {
            readings.add(read(ServerLoad.WHAT, settings.threadsRunning(), "",
                    () -> ServerLoad.threadsRunning(connection())));
        }
        if (settings.sinkLagMs() > 0 && sinkLag != null) {
            readings.add(read("sink lag", settings.sinkLagMs(), "ms", () -> sinkLag.read(connection(), now)));
        }
        for (ReplicaLag replica : replicas) {
            readings.add(read("replica " + replica.name() + " lag", settings.replicaLagMs(), "ms", replica::read));
        }
        return readings;
    }

    private interface Figure {
        long read() throws SQLException;
    }

    private Reading read(String what, long limit, String unit, Figure figure) {
        try {
            return Reading.of(what, figure.read(), limit, unit);
        }
        catch (SQLException e) {
            Connections.closeQuietly(connection); // reopened for the next reading
            connection = null;
            return Reading.unreadable(what, e.getMessage());
        }
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connections.open();
        }
        return connection;
    }

    @Override
    public synchronized void close() {
        Connections.closeQuietly(connection);
        connection = null;
        replicas.forEach(ReplicaLag::close);
    }
}
