package dev.twoway.coordinator;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.metrics.PluginMetrics;

import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.AuditPublisher;
import dev.twoway.coordinator.audit.AuditRecords;
import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.audit.MySqlAuditFeed;
import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.coordinator.reconcile.Reconciler;
import dev.twoway.core.state.MigrationRow;

/**
 * The one task of a migration: runs the {@link Reconciler} on its own thread and publishes its
 * transitions from the audit outbox to the audit topic in {@link #poll()}, which never blocks for long.
 */
public class TwowayMigrationTask extends SourceTask {
    private static final Logger LOG = LoggerFactory.getLogger(TwowayMigrationTask.class);
    /** A cut-over in progress is let finish: it is bounded by the lock timeout plus the RENAME's grace. */
    private static final long STOP_WAIT_MS = 60_000;

    private Reconciler reconciler;
    private Thread thread;
    private MySqlAuditFeed feed;
    private AuditPublisher publisher;

    @Override
    public String version() {
        return TwowayMigrationConnector.VERSION;
    }

    @Override
    public void start(Map<String, String> props) {
        MigrationConfig config = new MigrationConfig(props);
        String migrationId = MigrationConfig.migrationId(props);
        AuditSignal written = new AuditSignal();
        feed = new MySqlAuditFeed(config.connection(), config.sidecar(), migrationId);
        publisher = new AuditPublisher(config.auditTopic(), migrationId, feed, written, lastPublished(migrationId),
                System::currentTimeMillis);
        reconciler = new Reconciler(config, migrationId, written);
        registerMetrics(migrationId);
        thread = new Thread(reconciler, "twoway-migration-" + migrationId);
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The migration's metrics, read from the reconciler. A worker older than Kafka 4.1 has no plugin
     * metrics (KIP-877): the migration runs without them.
     */
    private void registerMetrics(String migrationId) {
        PluginMetrics metrics;
        try {
            metrics = context == null ? null : context.pluginMetrics();
        }
        catch (AbstractMethodError | NoSuchMethodError | UnsupportedOperationException olderWorker) {
            LOG.warn("migration {}: this Connect worker has no plugin metrics (Kafka 4.1 or newer has them): {}",
                    migrationId, olderWorker.toString());
            return;
        }
        if (metrics == null) {
            return;
        }
        Reconciler readFrom = reconciler;
        MigrationMetrics.register(metrics, migrationId, new MigrationMetrics.Readings() {
            public Optional<MigrationRow> row() {
                return readFrom.lastRow();
            }

            public long copyRowsPerSecond() {
                return readFrom.copyRowsPerSecond();
            }

            public SwapTally swaps() {
                return readFrom.swapTally();
            }

            public long copyThrottledMs() {
                return readFrom.copyThrottledMs();
            }
        }, Clock.systemUTC());
    }

    private long lastPublished(String migrationId) {
        if (context == null || context.offsetStorageReader() == null) {
            return 0;
        }
        return AuditRecords.lastPublished(context.offsetStorageReader().offset(AuditRecords.sourcePartition(migrationId)));
    }

    /**
     * The audit records; once the reconciler has ended for good, the records of what it committed
     * before (its last transition, nudged) and then its reason, failing the task.
     */
    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        ConnectException failure = reconciler.failure();
        List<SourceRecord> records = publisher.poll();
        if (failure != null && records == null) {
            throw failure;
        }
        return records;
    }

    @Override
    public void stop() {
        if (reconciler == null) {
            return;
        }
        reconciler.stop();
        try {
            thread.join(STOP_WAIT_MS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warn("the reconciler thread {} did not stop within {} ms", thread.getName(), STOP_WAIT_MS);
        }
        feed.close();
    }
}
