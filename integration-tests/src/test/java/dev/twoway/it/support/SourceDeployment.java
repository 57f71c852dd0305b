package dev.twoway.it.support;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/**
 * A source connector on its own (no sink, no migration), for tests of what the source streams
 * and survives. It captures the databases it is given and owns a probe table in the first: a
 * row written there and read back from its topic proves the source streams everything
 * committed before it.
 */
public final class SourceDeployment implements AutoCloseable {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    public static final String PROBE = "tw_probe";

    private final TestMySql mysql;
    private final String prefix;
    private final String name;
    private final String database;
    private final Map<String, String> config;
    private int probes;

    private SourceDeployment(TestMySql mysql, String database, Map<String, String> config) {
        this.mysql = mysql;
        this.database = database;
        this.prefix = "srcd" + ProcessHandle.current().pid() + "x" + SEQUENCE.incrementAndGet();
        this.name = prefix + "-source";
        this.config = config;
    }

    /** Starts a source capturing {@code databases} (a Debezium list; the probe lives in {@code database}). */
    public static SourceDeployment start(TestMySql mysql, String database, Map<String, String> extra) throws SQLException {
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", MigrationPipeline.SOURCE);
        config.put("tasks.max", "1");
        config.put("database.include.list", database);
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "-1");
        config.putAll(extra);
        mysql.execute("CREATE TABLE IF NOT EXISTS `" + database + "`.`" + PROBE + "` (id INT PRIMARY KEY)");
        SourceDeployment source = new SourceDeployment(mysql, database, config);
        config.put("topic.prefix", source.prefix);
        source.run();
        return source;
    }

    private void run() {
        TestConnect.runConnector(name, config, 1);
        SourceStreaming.await(prefix);
    }

    public String name() {
        return name;
    }

    public String prefix() {
        return prefix;
    }

    /**
     * The connector deleted and created again under its name with {@code changes} applied: it
     * resumes from its offsets and schema history, as after a reconfiguration.
     */
    public void reconfigure(Map<String, String> changes) throws SQLException {
        // Resuming needs offsets: Connect commits the first once a record has streamed.
        Poll.until(Duration.ofSeconds(60), "a probe streamed", () -> probeArrives(Duration.ofSeconds(5)));
        Poll.until(Duration.ofSeconds(60), "Connect committed offsets of " + name,
                () -> !TestConnect.cluster().connectorOffsets(name).offsets().isEmpty());
        config.putAll(changes);
        close();
        run();
    }

    /** Restarts the connector and its task, as an operator would after a failure. */
    public void restart() {
        TestConnect.cluster().restartConnectorAndTasks(name, false, true, false);
        TestConnect.awaitRunning(name, 1);
        SourceStreaming.await(prefix);
    }

    /**
     * Writes the next probe row and reports whether every probe so far arrived on the probe
     * table's topic within {@code timeout}: true means everything committed before it streamed.
     */
    public boolean probeArrives(Duration timeout) throws SQLException {
        probes++;
        mysql.execute("INSERT INTO `" + database + "`.`" + PROBE + "` VALUES (" + probes + ")");
        try (KafkaConsumer<byte[], byte[]> consumer = TestConnect.consumer(prefix + "." + database + "." + PROBE)) {
            List<ConsumerRecord<byte[], byte[]>> records = TestConnect.read(consumer, probes, timeout);
            return records.size() >= probes;
        }
    }

    /** The connector's status, for messages. */
    public String describe() {
        return TestConnect.describe(name);
    }

    public Map<String, String> config() {
        return new HashMap<>(config);
    }

    @Override
    public void close() {
        TestConnect.deleteQuietly(name);
        SourceStreaming.awaitStopped(prefix);
    }
}
