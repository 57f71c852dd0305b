package dev.twoway.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.jdbc.LazyConnection;
import dev.twoway.core.state.SidecarSchema;
import dev.twoway.core.state.SourceState;
import dev.twoway.core.state.SourceStore;

/**
 * The source task's health, every second, in its {@code sources} row: starting, streaming or
 * failed, whether the binlog reader is connected, when it saw its last event, and the captured
 * tables it knows the schema of. When {@link StreamingVerdict} finds the reader dead while the
 * task runs on, it records why, with the binlog event it stopped at, and {@link #failure()} tells
 * the task to fail with it, so the connector's status says so too. Runs on a thread of its own
 * with its own connection, so a stuck Debezium cannot stop it.
 */
final class SourceHeartbeat implements AutoCloseable {
    static final long INTERVAL_MS = 1_000;
    /** Longer than a reconnect takes, shorter than Debezium's keep-alive (60 s), which would only die again. */
    static final long STALL_AFTER_MS = 5_000;
    /** stop() does not say why: a connector deleted, paused or moved, or a task Connect failed itself (a send error). */
    static final String STOPPED = "the task was stopped (connector deleted, paused or moved, or failed by Connect: "
            + "see its status)";
    private static final Logger LOG = LoggerFactory.getLogger(SourceHeartbeat.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String connector;
    private final String topicPrefix;
    private final String capture;
    private final ConnectionSettings settings;
    private final String sidecar;
    private final SourceStore store;
    private final StreamingMetrics metrics;
    private final StreamingVerdict verdict = new StreamingVerdict(STALL_AFTER_MS);
    private final Predicate<String> captured;
    private final ScheduledExecutorService thread;
    private final LazyConnection connection;
    private boolean registered;
    private String lastKnownTables;
    private String lastProblem;
    private volatile String failure;
    private volatile String debeziumFailure;

    /** {@code captured}: whether the source captures a table, given as {@code db.table}. */
    SourceHeartbeat(String connector, String topicPrefix, String capture, ConnectionSettings settings, String sidecar,
                    Predicate<String> captured) {
        this.connector = connector;
        this.topicPrefix = topicPrefix;
        this.capture = capture;
        this.settings = settings;
        this.connection = new LazyConnection(settings);
        this.sidecar = sidecar;
        this.store = new SourceStore(sidecar);
        this.metrics = new StreamingMetrics(topicPrefix);
        this.captured = captured;
        this.thread = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "twoway-source-heartbeat-" + connector);
            t.setDaemon(true);
            return t;
        });
    }

    void start() {
        thread.scheduleWithFixedDelay(this::tick, 0, INTERVAL_MS, TimeUnit.MILLISECONDS);
    }

    /** Why the task must fail: Debezium's reader is gone while the task runs on. */
    Optional<String> failure() {
        return Optional.ofNullable(failure);
    }

    /** Debezium failed the task itself: the row says so with its message. */
    void debeziumFailed(String message) {
        debeziumFailure = message;
    }

    private void tick() {
        try {
            StreamingSample sample = metrics.read();
            StreamingVerdict.Verdict judged = verdict.judge(sample, System.currentTimeMillis());
            Connection c = connection.get();
            if (!registered) {
                SidecarSchema.ensure(c, sidecar); // a sidecar made by an older twoway lacks the sources table
                store.register(c, connector, topicPrefix, capture);
                registered = true;
            }
            if (judged.kind() == StreamingVerdict.Kind.STALLED && failure == null) {
                failure = stalled(c, sample, judged);
                LOG.error("source {}: {}", connector, failure);
            }
            write(c, sample, judged);
            lastProblem = null;
        }
        catch (SQLException | RuntimeException e) {
            String problem = e.getMessage();
            if (!String.valueOf(problem).equals(lastProblem)) {
                LOG.warn("source {}: cannot write its health to {}: {}", connector, settings.address(), problem);
                lastProblem = String.valueOf(problem);
            }
            connection.close();
        }
    }

    private void write(Connection c, StreamingSample sample, StreamingVerdict.Verdict judged) throws SQLException {
        Long sinceLastEvent = sample.msSinceLastEvent() < 0 ? null : sample.msSinceLastEvent();
        String failed = failure != null ? failure : debeziumFailure;
        if (failed != null) {
            store.beat(c, connector, SourceState.FAILED, sample.connected(), sinceLastEvent, null, failed);
            return;
        }
        switch (judged.kind()) {
            case STREAMING -> {
                // Connected, so what it has not read yet is at most as old as its last event's lag.
                publishKnownTables(c);
                store.beat(c, connector, SourceState.STREAMING, true, sinceLastEvent, Math.max(0, sample.msBehindSource()),
                        null);
            }
            case DISCONNECTED -> store.beat(c, connector, SourceState.STARTING, false, sinceLastEvent, null,
                    "Debezium's binlog reader lost its connection at " + Instant.ofEpochMilli(judged.disconnectedSince())
                            + "; waiting " + STALL_AFTER_MS / 1000 + " s for it to come back");
            default -> store.beat(c, connector, SourceState.STARTING, false, sinceLastEvent, null,
                    "Debezium is starting: reading the captured tables' structure or connecting to the binlog");
        }
    }

    private String stalled(Connection c, StreamingSample sample, StreamingVerdict.Verdict judged) {
        String at = sample.binlogFile() == null ? "" : " at " + sample.binlogFile() + ":" + sample.binlogPosition();
        String event = NextBinlogEvent.at(c, sample.binlogFile(), sample.binlogPosition())
                .map(e -> " The event it stopped at: " + e + ".").orElse("");
        return "the source is not streaming: Debezium's binlog reader stopped" + at + " at "
                + Instant.ofEpochMilli(judged.disconnectedSince()) + " and has not reconnected for "
                + STALL_AFTER_MS / 1000 + " s, while the task ran on. Its thread ends without a word when processing an "
                + "event throws an Error (a StackOverflowError in Debezium's DDL parser on a string literal of a few "
                + "thousand characters, say; the worker's log has it)." + event + " A restart reads the same event "
                + "again: run the worker with a larger thread stack (-Xss8m), or add the statement to "
                + IgnoredDdl.KEY + " if it changes no captured table.";
    }

    /**
     * The captured tables Debezium has a schema for, when they changed; written before the
     * heartbeat that moves {@code read_through}, so the list is never older than that time.
     */
    private void publishKnownTables(Connection c) throws SQLException {
        List<String> known = metrics.knownTables().stream().filter(captured).sorted().toList();
        if (known.isEmpty()) {
            return; // not streaming yet, or nothing captured: nothing new to say
        }
        String json;
        try {
            json = JSON.writeValueAsString(known);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        if (!json.equals(lastKnownTables)) {
            store.knownTables(c, connector, json);
            lastKnownTables = json;
        }
    }



    /** Stops the heartbeat; the row ends as stopped, or failed with the reason. */
    @Override
    public void close() {
        thread.shutdownNow();
        try {
            thread.awaitTermination(5, TimeUnit.SECONDS);
            Connection c = connection.get();
            String failed = failure != null ? failure : debeziumFailure;
            store.beat(c, connector, failed == null ? SourceState.STOPPED : SourceState.FAILED, false, null, null,
                    failed == null ? STOPPED : failed);
        }
        catch (SQLException | RuntimeException e) {
            LOG.warn("source {}: cannot record that it stopped: {}", connector, e.getMessage());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        finally {
            connection.close();
        }
    }
}
