package dev.twoway.stack;

import java.nio.file.Files;

import org.apache.kafka.common.test.KafkaClusterTestKit;
import org.apache.kafka.common.test.TestKitNodes;

/**
 * One combined KRaft node (broker and controller) on a free loopback port, data in a
 * temporary directory that is deleted on close. Built on Kafka's own test kit, the engine of
 * Connect's {@code EmbeddedKafkaCluster}, used directly so that Connect's test jar (and the
 * dozens of sample connectors it registers) stays off the worker's class path.
 */
final class KafkaBroker implements AutoCloseable {
    private final KafkaClusterTestKit cluster;

    private KafkaBroker(KafkaClusterTestKit cluster) {
        this.cluster = cluster;
    }

    static KafkaBroker start() throws Exception {
        // Our own directory: the kit's default one is deleted by a JVM shutdown hook, which
        // races with the broker's own shutdown when Ctrl-C stops the stack.
        TestKitNodes nodes = new TestKitNodes.Builder()
                .setBaseDirectory(Files.createTempDirectory("twoway-stack-kafka-"))
                .setCombined(true)
                .setNumBrokerNodes(1)
                .setNumControllerNodes(1)
                .build();
        KafkaClusterTestKit cluster = new KafkaClusterTestKit.Builder(nodes)
                .setConfigProp("auto.create.topics.enable", "true")
                .setConfigProp("num.partitions", "1")
                .setConfigProp("offsets.topic.replication.factor", "1")
                .setConfigProp("transaction.state.log.replication.factor", "1")
                .setConfigProp("transaction.state.log.min.isr", "1")
                .setConfigProp("group.initial.rebalance.delay.ms", "0")
                .setDeleteOnClose(true)
                .build();
        // As EmbeddedKafkaCluster does: a non-fatal fault is logged, not kept to fail a test.
        cluster.nonFatalFaultHandler().setIgnore(true);
        KafkaBroker broker = new KafkaBroker(cluster);
        try {
            cluster.format();
            cluster.startup();
            cluster.waitForReadyBrokers();
            return broker;
        }
        catch (Exception e) {
            broker.close();
            throw e;
        }
    }

    String bootstrapServers() {
        return cluster.bootstrapServers();
    }

    @Override
    public void close() throws Exception {
        cluster.close();
    }
}
