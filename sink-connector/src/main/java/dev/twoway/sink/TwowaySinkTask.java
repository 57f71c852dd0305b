package dev.twoway.sink;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import dev.twoway.core.Version;
import dev.twoway.core.jdbc.TransientSqlErrors;

/**
 * The projecting sink task. It owns the lifecycle only: progress and routes come from
 * {@code sink_progress} on open (the database, not the consumer group, says where to resume),
 * each batch is applied by {@link JournalApplier} in one transaction, and any failure rolls
 * the transaction and the in-memory progress back together, so a retry starts from exactly
 * what is committed.
 */
public class TwowaySinkTask extends SinkTask {
    private static final Logger LOG = LoggerFactory.getLogger(TwowaySinkTask.class);

    private SinkConfig config;
    private SinkDatabase database;
    private ProgressLedger ledger;
    private JournalApplier applier;
    private final RewindGuard rewinds = new RewindGuard();
    private RewindReport rewindReport;
    /** Partitions this task paused at a swap marker, until it resumes them. */
    private final Set<TopicPartition> paused = new HashSet<>();
    private SinkPresence presence;
    private SinkTaskMetrics metrics = SinkTaskMetrics.register(null);

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SinkConfig(props);
        try {
            database = MySqlSinkDatabase.open(config.connection(), config.sidecarDatabase(), config.connectorName());
        }
        catch (SQLException e) {
            throw new ConnectException("twoway sink '" + config.connectorName() + "' cannot connect to MySQL at "
                    + config.connection().address() + " or create the sidecar tables in "
                    + config.sidecarDatabase() + ": " + e.getMessage(), e);
        }
        try {
            presence = SinkPresence.start(config.connection(), config.sidecarDatabase(), config.connectorName(),
                    props.get(SinkConfig.TOPICS), props.get(SinkConfig.TOPICS_REGEX));
        }
        catch (SQLException e) {
            database.close();
            throw new ConnectException("twoway sink '" + config.connectorName() + "' cannot register in "
                    + config.sidecarDatabase() + ".sinks: " + e.getMessage(), e);
        }
        ledger = new ProgressLedger();
        BatchWriter writer = new BatchWriter(database, config.batchMaxRows());
        applier = new JournalApplier(database, ledger, writer, new StartGrants(presence, database, config.connectorName()));
        rewindReport = new RewindReport(config.connection(), config.sidecarDatabase(), config.connectorName());
        metrics = SinkTaskMetrics.register(pluginMetrics());
        LOG.info("twoway sink '{}' started against {}", config.connectorName(), config.connection().address());
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        Map<TopicPartition, PartitionProgress> stored;
        try {
            stored = database.progress(partitions);
            database.commit();
        }
        catch (SQLException e) {
            database.rollback();
            database.reconnectIfBroken();
            throw new ConnectException("twoway sink '" + config.connectorName() + "' cannot read its progress from "
                    + config.sidecarDatabase() + ".sink_progress: " + e.getMessage(), e);
        }
        // Connect pauses a partition the task paused again when it is assigned anew (its pause outlives
        // a rebalance); the hold did not (close forgot it): read it again from its progress, which
        // stands at the marker, and hold it again there if the swap is still not settled.
        List<TopicPartition> again = partitions.stream().filter(paused::remove).toList();
        if (!again.isEmpty()) {
            context.resume(again.toArray(TopicPartition[]::new));
        }
        stored.forEach((partition, progress) -> {
            ledger.restore(partition, progress);
            rewinds.opened(partition, progress.nextOffset());
            context.offset(partition, progress.nextOffset());
            LOG.info("{} resumes at offset {}, records go {}", partition, progress.nextOffset(),
                    progress.route() == null ? "nowhere" : progress.route());
        });
        metrics.opened(partitions, this::view);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        resumeSettled();
        if (records.isEmpty()) {
            comeBackSoonWhileHolding();
            metrics.refresh(this::view); // a held partition resumed
            return;
        }
        rewinds.check(records).ifPresent(rewind -> {
            String reason = rewindReport.reason(rewind);
            rewindReport.note(rewind, ledger.route(rewind.partition()), records, reason);
            throw new ConnectException(reason);
        });
        long started = System.nanoTime();
        try {
            applier.apply(records);
        }
        catch (SQLException e) {
            abandon();
            throw failure(e);
        }
        catch (RetriableException e) {
            abandon();
            context.timeout(config.retryBackoffMs());
            throw e;
        }
        catch (RuntimeException e) {
            abandon();
            throw e;
        }
        holdAtMarkers();
        metrics.batchApplied(applier.appliedInBatch(), System.nanoTime() - started);
        metrics.refresh(this::view);
    }

    /** Where the partition's records go now, for the metrics (read on this thread only). */
    private SinkTaskMetrics.PartitionView view(TopicPartition partition) {
        return new SinkTaskMetrics.PartitionView(ledger.route(partition), paused.contains(partition));
    }

    /**
     * This task's plugin metrics (KIP-877); null on a worker older than Kafka 4.1, which has none:
     * the sink runs without metrics.
     */
    private PluginMetrics pluginMetrics() {
        try {
            return context == null ? null : context.pluginMetrics();
        }
        catch (AbstractMethodError | NoSuchMethodError | UnsupportedOperationException olderWorker) {
            LOG.warn("twoway sink '{}': this Connect worker has no plugin metrics (Kafka 4.1 or newer has them): {}",
                    config.connectorName(), olderWorker.toString());
            return null;
        }
    }

    /**
     * Partitions the batch left at a swap marker not settled yet: paused, and read again from the
     * marker (where their progress stands) once resumed; every other partition keeps flowing.
     */
    private void holdAtMarkers() {
        for (HeldPartitions.Hold hold : applier.newlyHeld()) {
            context.pause(hold.partition());
            paused.add(hold.partition());
            context.offset(hold.partition(), hold.offset());
        }
        comeBackSoonWhileHolding();
    }

    /** Held partitions whose swap the coordinator has settled meanwhile flow again, from their marker. */
    private void resumeSettled() {
        try {
            for (TopicPartition partition : applier.released()) {
                context.resume(partition);
                paused.remove(partition);
            }
        }
        catch (SQLException e) {
            database.rollback();
            database.reconnectIfBroken();
            LOG.warn("twoway sink '{}': cannot read the outcome of a swap marker yet ({}); trying again",
                    config.connectorName(), e.getMessage());
        }
    }

    /** Connect calls put() again within the poll interval, not only when records come, while a partition is held. */
    private void comeBackSoonWhileHolding() {
        if (applier.holding()) {
            context.timeout(config.swapPollMs());
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        Map<TopicPartition, OffsetAndMetadata> held = new HashMap<>();
        ledger.committedOffsets().forEach((partition, next) -> {
            if (currentOffsets.containsKey(partition)) {
                held.put(partition, new OffsetAndMetadata(next));
            }
        });
        return held;
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        metrics.closed(partitions);
        ledger.forget(partitions);
        applier.forget(partitions);
        rewinds.forget(partitions);
    }

    @Override
    public void stop() {
        if (presence != null) {
            presence.close();
        }
        if (database != null) {
            database.rollback();
            database.close();
        }
    }

    /** Rolls the transaction and the in-memory progress back to what the database holds. */
    private void abandon() {
        applier.discard();
        database.rollback();
        ledger.rolledBack();
    }

    private RuntimeException failure(SQLException e) {
        if (TransientSqlErrors.isTransient(e)) {
            database.reconnectIfBroken();
            context.timeout(config.retryBackoffMs());
            LOG.warn("twoway sink '{}': transient MySQL error, the batch will be redelivered: {}",
                    config.connectorName(), e.getMessage());
            return new RetriableException("transient MySQL error (" + e.getErrorCode() + "), retrying: "
                    + e.getMessage(), e);
        }
        return new ConnectException("twoway sink '" + config.connectorName() + "' failed (MySQL error "
                + e.getErrorCode() + ", SQLState " + e.getSQLState() + "): " + e.getMessage(), e);
    }
}
