package dev.twoway.sink;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.Sensor;
import org.apache.kafka.common.metrics.stats.Avg;
import org.apache.kafka.common.metrics.stats.CumulativeSum;
import org.apache.kafka.common.metrics.stats.Max;
import org.apache.kafka.common.metrics.stats.Rate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A sink task's metrics, through Connect's plugin metrics (KIP-877): the task's MBean
 * {@code kafka.connect:type=plugins,connector=<sink>,task=<n>} (records applied, batch latency,
 * partitions held) and one per partition it owns, {@code …,topic=<topic>,partition=<p>} (where its
 * records go, whether it is held at a swap marker); Connect removes them with the task. Named as
 * Connect names its own sink-task metrics ({@code put-batch-avg-time-ms}, {@code partition-count}).
 *
 * <p>Applied records and batch times are events, counted by sensors as Connect counts its own. The
 * routes and holds are the ledger's and the task's own state, but those live on the task's thread:
 * so the task hands a copy over after every batch (what JMX reads on its threads), never a
 * second bookkeeping of routes.
 */
public final class SinkTaskMetrics {
    public static final String RECORDS_APPLIED_RATE = "records-applied-rate";
    public static final String RECORDS_APPLIED_TOTAL = "records-applied-total";
    public static final String BATCH_APPLY_AVG_TIME_MS = "batch-apply-avg-time-ms";
    public static final String BATCH_APPLY_MAX_TIME_MS = "batch-apply-max-time-ms";
    public static final String HELD_PARTITIONS = "held-partitions";
    public static final String DIRECTION = "direction";
    public static final String MIGRATION = "migration";
    public static final String HELD = "held";
    /** The task's own metrics, then those of each partition (tagged {@code topic} and {@code partition}). */
    public static final List<String> TASK_NAMES = List.of(RECORDS_APPLIED_RATE, RECORDS_APPLIED_TOTAL, BATCH_APPLY_AVG_TIME_MS,
            BATCH_APPLY_MAX_TIME_MS, HELD_PARTITIONS);
    public static final List<String> PARTITION_NAMES = List.of(DIRECTION, MIGRATION, HELD);

    /** Where a partition's records go now: the route (null: nowhere) and whether it is held at a marker. */
    public record PartitionView(Route route, boolean held) {
        static final PartitionView NOWHERE = new PartitionView(null, false);
    }

    private static final Logger LOG = LoggerFactory.getLogger(SinkTaskMetrics.class);
    private static final SinkTaskMetrics NONE = new SinkTaskMetrics(null);

    private final PluginMetrics metrics;
    private final Map<TopicPartition, PartitionView> views = new ConcurrentHashMap<>();
    private final Map<TopicPartition, List<MetricName>> registered = new ConcurrentHashMap<>();
    private Sensor applied;
    private Sensor batchTime;

    private SinkTaskMetrics(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** The task's metrics, registered; with null (a worker without plugin metrics), metrics that record nothing. */
    public static SinkTaskMetrics register(PluginMetrics metrics) {
        if (metrics == null) {
            return NONE;
        }
        SinkTaskMetrics registered = new SinkTaskMetrics(metrics);
        try {
            registered.registerTask();
        }
        catch (IllegalArgumentException taken) {
            // An instance of this task that Connect gave up stopping (its graceful stop timed out, as
            // when the broker restarts) still holds the names, and a task's plugin metrics can remove
            // only their own: this instance runs without metrics rather than failing at start.
            LOG.warn("the sink task's metrics are still held by an instance of it that did not stop ({}); this "
                    + "instance runs without them until the task restarts", taken.getMessage());
            return NONE;
        }
        return registered;
    }

    private void registerTask() {
        LinkedHashMap<String, String> none = new LinkedHashMap<>();
        // Sensor names are global to the worker's metrics: one of this task's own.
        String prefix = "twoway-sink-" + UUID.randomUUID() + "-";
        applied = metrics.addSensor(prefix + "records-applied");
        applied.add(metrics.metricName(RECORDS_APPLIED_RATE, "Records applied to a shadow or old table per second "
                + "(committed batches; records skipped, markers and held records are not counted).", none), new Rate());
        applied.add(metrics.metricName(RECORDS_APPLIED_TOTAL, "Records applied to a shadow or old table since the task "
                + "started.", none), new CumulativeSum());
        batchTime = metrics.addSensor(prefix + "batch-apply-time");
        batchTime.add(metrics.metricName(BATCH_APPLY_AVG_TIME_MS, "Average time to apply and commit one batch, in ms.",
                none), new Avg());
        batchTime.add(metrics.metricName(BATCH_APPLY_MAX_TIME_MS, "Longest time to apply and commit one batch, in ms.",
                none), new Max());
        metrics.addMetric(metrics.metricName(HELD_PARTITIONS, "Partitions held at a cutover or revert marker the "
                + "coordinator has yet to settle.", none), (Gauge<Long>) (config, now) -> views.values().stream()
                .filter(PartitionView::held).count());
    }

    /** A batch committed: {@code records} of it applied to a table, in {@code nanos}. */
    public void batchApplied(int records, long nanos) {
        if (metrics == null) {
            return;
        }
        long now = System.currentTimeMillis();
        applied.record(records, now);
        batchTime.record(nanos / 1e6, now);
    }

    /** The partitions assigned: their metrics registered, showing {@code now} of each until the next batch. */
    public void opened(Collection<TopicPartition> partitions, Function<TopicPartition, PartitionView> now) {
        if (metrics == null) {
            return;
        }
        for (TopicPartition partition : partitions) {
            views.put(partition, now.apply(partition));
            registered.computeIfAbsent(partition, this::registerPartition);
        }
    }

    /** Called on the task's thread after a batch: where each owned partition's records go now. */
    public void refresh(Function<TopicPartition, PartitionView> now) {
        if (metrics == null) {
            return;
        }
        views.replaceAll((partition, before) -> now.apply(partition));
    }

    /** The partitions revoked: their metrics go. */
    public void closed(Collection<TopicPartition> partitions) {
        if (metrics == null) {
            return;
        }
        for (TopicPartition partition : partitions) {
            views.remove(partition);
            List<MetricName> names = registered.remove(partition);
            if (names != null) {
                names.forEach(metrics::removeMetric);
            }
        }
    }

    private List<MetricName> registerPartition(TopicPartition partition) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("topic", partition.topic());
        tags.put("partition", Integer.toString(partition.partition()));
        MetricName direction = metrics.metricName(DIRECTION, "Where the partition's records go: forward (to the "
                + "shadow table), inverse (to the old table) or none.", tags);
        metrics.addMetric(direction, (Gauge<String>) (config, now) -> {
            Route route = view(partition).route();
            return route == null ? "none" : route.direction().wireName();
        });
        MetricName migration = metrics.metricName(MIGRATION, "The migration the partition's records are applied for "
                + "(empty when none).", tags);
        metrics.addMetric(migration, (Gauge<String>) (config, now) -> {
            Route route = view(partition).route();
            return route == null ? "" : route.migrationId();
        });
        MetricName held = metrics.metricName(HELD, "1 while the partition is held at a cutover or revert marker the "
                + "coordinator has yet to settle, else 0.", tags);
        metrics.addMetric(held, (Gauge<Integer>) (config, now) -> view(partition).held() ? 1 : 0);
        return List.of(direction, migration, held);
    }

    private PartitionView view(TopicPartition partition) {
        return views.getOrDefault(partition, PartitionView.NOWHERE);
    }
}
