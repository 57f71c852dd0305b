package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class SinkTaskMetricsTest {
    private static final TopicPartition USERS = new TopicPartition("twoway.demo.users", 0);

    private final Metrics metrics = new Metrics();
    private final SinkTaskMetrics sink = SinkTaskMetrics.register(new PluginMetricsImpl(metrics, connect()));

    @AfterEach
    void close() {
        metrics.close();
    }

    private static Map<String, String> connect() {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "twoway-sink");
        tags.put("task", "0");
        return tags;
    }

    private KafkaMetric metric(String name, TopicPartition partition) {
        Map<String, String> tags = connect();
        if (partition != null) {
            tags.put("topic", partition.topic());
            tags.put("partition", Integer.toString(partition.partition()));
        }
        return metrics.metric(new MetricName(name, "plugins", "", tags));
    }

    private Object value(String name, TopicPartition partition) {
        return metric(name, partition).metricValue();
    }

    /**
     * A task instance Connect gave up stopping (its graceful stop timed out, as when the broker
     * restarts) keeps its metrics registered: the next instance of the task starts without metrics
     * instead of failing at start (FailoverIT's broker restart saw "A metric named
     * records-applied-rate already exists" fail the sink task).
     */
    @Test
    void theNextInstanceOfATaskStartsBesideTheMetricsOfOneNeverClosed() {
        sink.opened(List.of(USERS), p -> SinkTaskMetrics.PartitionView.NOWHERE);
        sink.batchApplied(3, 1_000_000);
        SinkTaskMetrics next = SinkTaskMetrics.register(new PluginMetricsImpl(metrics, connect()));
        next.opened(List.of(USERS), p -> SinkTaskMetrics.PartitionView.NOWHERE);
        next.batchApplied(7, 1_000_000);
        next.closed(List.of(USERS));
        assertEquals(3.0, value("records-applied-total", null), "the held metrics are the old instance's, untouched");
        assertEquals("none", value("direction", USERS));
    }

    @Test
    void appliedRecordsAndBatchTimesAreCounted() {
        sink.batchApplied(30, 4_000_000);
        sink.batchApplied(10, 2_000_000);
        assertEquals(40.0, value("records-applied-total", null));
        assertEquals(3.0, value("batch-apply-avg-time-ms", null));
        assertEquals(4.0, value("batch-apply-max-time-ms", null));
    }

    @Test
    void eachPartitionShowsItsRouteAndHoldUntilItIsRevoked() {
        sink.opened(List.of(USERS), p -> SinkTaskMetrics.PartitionView.NOWHERE);
        assertEquals("none", value("direction", USERS));
        assertEquals("", value("migration", USERS));

        sink.refresh(p -> new SinkTaskMetrics.PartitionView(Route.forward("m1"), false));
        assertEquals("forward", value("direction", USERS));
        assertEquals("m1", value("migration", USERS));
        assertEquals(0, value("held", USERS));

        sink.refresh(p -> new SinkTaskMetrics.PartitionView(Route.forward("m1"), true));
        assertEquals(1, value("held", USERS));
        assertEquals(1L, value("held-partitions", null));

        sink.refresh(p -> new SinkTaskMetrics.PartitionView(Route.inverse("m1"), false));
        assertEquals("inverse", value("direction", USERS));
        assertEquals(0L, value("held-partitions", null));

        sink.closed(List.of(USERS));
        assertNull(metric("direction", USERS), "a revoked partition's metrics are gone");
    }

    @Test
    void withoutPluginMetricsNothingIsRecordedAndNothingFails() {
        SinkTaskMetrics none = SinkTaskMetrics.register(null);
        none.batchApplied(1, 1);
        none.opened(List.of(USERS), p -> SinkTaskMetrics.PartitionView.NOWHERE);
        none.refresh(p -> SinkTaskMetrics.PartitionView.NOWHERE);
        none.closed(List.of(USERS));
    }
}
