package dev.twoway.it.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;

/**
 * One embedded Kafka (KRaft) broker and one distributed Connect worker for the whole test
 * JVM: starting them takes seconds, so test classes share them and keep apart by using
 * their own connector names, databases and topic prefixes. {@code FailoverIT} adds workers
 * ({@link #ensureWorkers}) and removes them again.
 */
public final class TestConnect {
    /** How long a departed worker's tasks wait before another worker runs them ({@code scheduled.rebalance.max.delay.ms}). */
    public static final Duration REBALANCE_DELAY = Duration.ofSeconds(3);
    private static EmbeddedConnectCluster cluster;

    private TestConnect() {
    }

    public static synchronized EmbeddedConnectCluster cluster() {
        if (cluster == null) {
            Map<String, String> worker = new HashMap<>();
            worker.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
            worker.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
            worker.put("offset.flush.interval.ms", "1000");
            worker.put("plugin.discovery", "hybrid_warn");
            // A worker that leaves the group has its connectors and tasks held for it this long
            // before the others take them (5 min by default): FailoverIT stops workers and waits
            // for exactly that. With one worker it changes nothing.
            worker.put("scheduled.rebalance.max.delay.ms", Long.toString(REBALANCE_DELAY.toMillis()));
            // As a production worker keeps secrets out of connector configs (OperatorCliIT uses them).
            worker.put("config.providers", "file,env");
            worker.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
            worker.put("config.providers.env.class", "org.apache.kafka.common.config.provider.EnvVarConfigProvider");
            Properties broker = new Properties();
            broker.put("auto.create.topics.enable", "true");
            broker.put("num.partitions", "1");
            EmbeddedConnectCluster started = new EmbeddedConnectCluster.Builder()
                    .name("twoway-it")
                    .numWorkers(1)
                    .numBrokers(1)
                    .brokerProps(broker)
                    .workerProps(worker)
                    .build();
            started.start();
            Runtime.getRuntime().addShutdownHook(new Thread(started::stop, "stop-embedded-connect"));
            cluster = started;
        }
        return cluster;
    }

    /**
     * Adds workers to the shared cluster until it has {@code count}; waits until all answer.
     * Workers join one group, so the connectors already running are spread over them.
     */
    public static synchronized void ensureWorkers(int count) {
        while (cluster().workers().size() < count) {
            cluster().addWorker();
        }
        Poll.until(Duration.ofSeconds(60), count + " healthy workers", () -> cluster().allWorkersHealthy()
                && cluster().healthyWorkers().size() >= count);
    }

    /** Removes workers (gracefully) until the shared cluster has {@code count}: the other classes run on one. */
    public static synchronized void keepWorkers(int count) {
        while (cluster().workers().size() > count) {
            cluster().removeWorker();
        }
    }

    /**
     * The worker that runs task 0 of {@code connector}, from the connector's status ({@code
     * worker_id} is the worker's advertised REST host and port).
     */
    public static WorkerHandle workerRunning(String connector) {
        ConnectorStateInfo.TaskState task = cluster().connectorStatus(connector).tasks().get(0);
        String port = task.workerId().substring(task.workerId().lastIndexOf(':') + 1);
        return cluster().workers().stream().filter(w -> Integer.toString(w.url().getPort()).equals(port)).findFirst()
                .orElseThrow(() -> new AssertionError(connector + "'s task runs on " + task.workerId()
                        + ", none of " + cluster().workers()));
    }

    /** Creates (or reconfigures) a connector and waits until it and {@code tasks} tasks run. */
    public static void runConnector(String name, Map<String, String> config, int tasks) {
        cluster().configureConnector(name, config);
        awaitRunning(name, tasks);
    }

    public static void awaitRunning(String name, int tasks) {
        Poll.until(Duration.ofSeconds(60), () -> name + " running with " + tasks + " task(s): " + describe(name), () -> {
            ConnectorStateInfo info = cluster().connectorStatus(name);
            return info != null && "RUNNING".equals(info.connector().state())
                    && info.tasks().size() == tasks
                    && info.tasks().stream().allMatch(t -> "RUNNING".equals(t.state()));
        });
    }

    /** The connector's and its tasks' states and traces, for failure messages. */
    public static String describe(String name) {
        try {
            ConnectorStateInfo info = cluster().connectorStatus(name);
            StringBuilder out = new StringBuilder(info.connector().state());
            info.tasks().forEach(t -> out.append("; task ").append(t.id()).append(' ').append(t.state())
                    .append(t.trace() == null ? "" : " " + t.trace()));
            return out.toString();
        }
        catch (RuntimeException e) {
            return "no status (" + e.getMessage() + ")";
        }
    }

    /**
     * Waits until a deleted sink's task has closed its consumer. A connector leaves the list as
     * soon as its config is deleted, but its task may still be inside {@code put()} and write
     * its progress; a task closes its consumer only after its last {@code put()}, so an empty
     * consumer group ({@code connect-<name>}) means nothing of it is still running.
     */
    public static void awaitSinkStopped(String name) {
        String group = "connect-" + name;
        Poll.until(Duration.ofSeconds(60), () -> "the consumer group " + group + " empty", () -> {
            try (var admin = cluster().kafka().createAdminClient()) {
                return admin.describeConsumerGroups(List.of(group)).all().get().get(group).members().isEmpty();
            }
        });
    }

    public static void deleteQuietly(String name) {
        try {
            cluster().deleteConnector(name);
        }
        catch (RuntimeException ignored) {
            // already gone
        }
    }

    public static KafkaConsumer<byte[], byte[]> consumer(String topic) {
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "it-" + topic + "-" + System.nanoTime());
        KafkaConsumer<byte[], byte[]> consumer = cluster().kafka().createConsumer(props);
        consumer.assign(List.of(new TopicPartition(topic, 0)));
        consumer.seekToBeginning(List.of(new TopicPartition(topic, 0)));
        return consumer;
    }

    /** Reads from the consumer until {@code count} records arrived or the timeout passed. */
    public static List<ConsumerRecord<byte[], byte[]>> read(KafkaConsumer<byte[], byte[]> consumer, int count, Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (records.size() < count && System.nanoTime() < deadline) {
            consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        }
        return records;
    }
}
