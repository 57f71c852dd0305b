package dev.twoway.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.Sql;
import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.jdbc.LazyConnection;
import dev.twoway.core.jdbc.GrantSet;
import dev.twoway.core.state.SinkRegistry;

/**
 * The sink's row in {@code sinks}: registered when a task starts (subscription, MySQL user,
 * grants), then a heartbeat every few seconds from a thread of its own (a batch waiting at a swap
 * marker must not make the sink look gone), which also reads the grants again, so a grant given
 * meanwhile is seen within seconds. The coordinator reads the row to tell whether a live sink
 * takes a table's topic and may write its database. On a connection of its own, auto-commit;
 * every use is serialised, as the task's thread writes notes on it too.
 */
final class SinkPresence implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SinkPresence.class);
    static final long HEARTBEAT_MS = 5_000;

    private final String sidecar;
    private final String connector;
    private final SinkRegistry registry;
    private final ScheduledExecutorService heartbeats;
    private final LazyConnection connection;
    private volatile GrantSet grants = GrantSet.of(List.of());
    private volatile String user = "";

    private SinkPresence(ConnectionSettings settings, String sidecar, String connector) {
        this.connection = new LazyConnection(settings);
        this.sidecar = sidecar;
        this.connector = connector;
        this.registry = new SinkRegistry(sidecar);
        this.heartbeats = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "twoway-sink-heartbeat-" + connector);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Registers the sink and starts its heartbeat. */
    static SinkPresence start(ConnectionSettings settings, String sidecar, String connector, String topics,
                              String topicsRegex) throws SQLException {
        SinkPresence presence = new SinkPresence(settings, sidecar, connector);
        presence.register(topics, topicsRegex);
        presence.heartbeats.scheduleWithFixedDelay(presence::beat, HEARTBEAT_MS, HEARTBEAT_MS, TimeUnit.MILLISECONDS);
        return presence;
    }

    /** The user's grants as last read (at most a heartbeat ago). */
    GrantSet grants() {
        return grants;
    }

    /** {@code user@host} as MySQL authenticated it. */
    String user() {
        return user;
    }

    /** Writes {@code message} into the migration's row (a reason the sink leaves one of its markers unreached). */
    synchronized void note(String migrationId, String message) throws SQLException {
        try (PreparedStatement s = connection.get().prepareStatement("UPDATE " + Sql.qualified(sidecar, "migrations")
                + " SET message = ? WHERE migration_id = ? AND NOT (message <=> ?)")) {
            s.setString(1, message);
            s.setString(2, migrationId);
            s.setString(3, message);
            s.executeUpdate();
        }
    }

    private synchronized void register(String topics, String topicsRegex) throws SQLException {
        Connection c = connection.get();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT CURRENT_USER()")) {
            rs.next();
            user = rs.getString(1);
        }
        grants = GrantSet.current(c);
        registry.register(c, connector, topics, topicsRegex, user, grants.lines());
    }

    private synchronized void beat() {
        try {
            Connection c = connection.get();
            grants = GrantSet.current(c);
            registry.heartbeat(c, connector, grants.lines());
        }
        catch (SQLException | RuntimeException e) {
            LOG.debug("twoway sink '{}': heartbeat failed, next in {} ms: {}", connector, HEARTBEAT_MS, e.getMessage());
            connection.close();
        }
    }



    /** Stops the heartbeat and says the task stopped, so the sink does not look running for another 15 s. */
    @Override
    public void close() {
        heartbeats.shutdownNow();
        synchronized (this) {
            try {
                registry.stopped(connection.get(), connector);
            }
            catch (SQLException e) {
                LOG.debug("twoway sink '{}': cannot record that its task stopped: {}", connector, e.getMessage());
            }
            connection.close();
        }
    }
}
