package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import javax.management.MBeanServer;
import javax.management.ObjectName;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.DashboardSamples;
import dev.twoway.it.support.ExporterScrape;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.TestTables;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableModelWriter;

/**
 * The metrics a migration and the sink publish through Connect's plugin metrics, read over JMX
 * from the platform MBeanServer (the embedded Connect cluster runs in this JVM) while a migration
 * goes through its copy, the cut-over and a revert under a live writer; and the same through the
 * Prometheus exporter's rules. What the exporter gives is sampled along the way into
 * integration-tests/target/dashboard-samples.json, from which docs/dashboard.png is drawn.
 */
class MigrationMetricsIT extends PipelineTest {
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final int ROWS = 60_000;
    private static final long LOCK_TIMEOUT_MS = 3000;
    private final MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();

    @Override
    protected String databasePrefix() {
        return "metrics";
    }

    @Test
    void metricsFollowAMigrationThroughTheCopyTheCutoverAndTheRevert() throws Exception {
        String users = "`" + db + "`.`users`";
        TestTables.createUsers(mysql, db, ROWS);
        pipeline.awaitSettled("users");
        String topic = pipeline.topic("users");
        ObjectName partition = new ObjectName("kafka.connect:type=plugins,connector=" + pipeline.sinkName()
                + ",task=0,topic=" + topic + ",partition=0");
        ObjectName sinkTask = new ObjectName("kafka.connect:type=plugins,connector=" + pipeline.sinkName() + ",task=0");
        try (DashboardSamples samples = DashboardSamples.start(ExporterScrape.rules(), Duration.ofMillis(250));
             TableModelWriter writer = TableModelWriter.start(mysql, db, "users", List.of("name"), 100)) {
            // Chunks of 10 to 40 rows, one at a time: a copy slow enough to be seen half way.
            String migration = pipeline.migrate("ALTER TABLE " + users + " DROP COLUMN title", "ready",
                    Map.of("migration.copy.chunk.rows", "10", "migration.copy.threads", "1",
                            "migration.cutover.lock.timeout.ms", Long.toString(LOCK_TIMEOUT_MS)));
            ObjectName bean = new ObjectName("kafka.connect:type=plugins,connector=" + migration + ",task=0,migration="
                    + migration);
            duringTheCopy(bean, partition, migration);
            whileReady(bean, migration);

            long asked = System.currentTimeMillis();
            pipeline.target(migration, "complete");
            pipeline.awaitState(migration, "complete", WAIT);
            double writerWaited = writer.longestStallMillis(asked, System.currentTimeMillis());
            afterTheCutover(bean, partition, sinkTask, writerWaited);

            pipeline.target(migration, "reverted");
            pipeline.awaitState(migration, "reverted", WAIT);
            afterTheRevert(bean, partition, migration);
            throughTheExporter(samples.last(), migration, topic);
            samples.write(Path.of("target/dashboard-samples.json"));
        }
    }

    /** Half way: the row's progress, the copy's own rate and an ETA; the sink applies forward. */
    private void duringTheCopy(ObjectName bean, ObjectName partition, String migration) {
        Poll.until(WAIT, () -> "the copy seen half way over JMX: " + attributes(bean) + "; row "
                + pipeline.rowQuietly(migration), () -> {
                    double copied = (Double) jmx.getAttribute(bean, "rows-copied");
                    double toCopy = (Double) jmx.getAttribute(bean, "rows-to-copy");
                    return "running".equals(jmx.getAttribute(bean, "state")) && copied > 0 && copied < toCopy
                            && (Double) jmx.getAttribute(bean, "rows-copied-rate") > 0
                            && !Double.isNaN((Double) jmx.getAttribute(bean, "copy-eta-seconds"));
                });
        assertTrue(((String) attribute(bean, "stage")).startsWith("copying "), "stage: " + attribute(bean, "stage"));
        assertEquals(0, attribute(bean, "revertible"), "nothing to revert during the copy");
        assertTrue(Double.isNaN((Double) attribute(bean, "revert-window-remaining-ms")), "no window before a cut-over");
        Poll.until(WAIT, () -> "the sink's partition routed forward: " + attributes(partition), () ->
                "forward".equals(jmx.getAttribute(partition, "direction"))
                        && migration.equals(jmx.getAttribute(partition, "migration")));
    }

    /** Copied: the rate is back to 0 and the sync markers measure the lag. */
    private void whileReady(ObjectName bean, String migration) {
        pipeline.awaitState(migration, "ready", WAIT);
        Poll.until(WAIT, () -> "ready with a lag over JMX: " + attributes(bean), () ->
                "ready".equals(jmx.getAttribute(bean, "state"))
                        && !Double.isNaN((Double) jmx.getAttribute(bean, "sink-lag-ms")));
        double lag = (Double) attribute(bean, "sink-lag-ms");
        assertTrue(lag >= 0 && lag < 30_000, "a sink lag in ms: " + lag);
        assertEquals(0.0, attribute(bean, "rows-copied-rate"), "no copy any more");
        assertEquals(0.0, attribute(bean, "copy-eta-seconds"));
        assertEquals(attribute(bean, "rows-copied"), attribute(bean, "rows-to-copy"), "every row copied");
        assertEquals(Double.parseDouble(pipeline.rowQuietly(migration).get("rows_copied")), attribute(bean, "rows-copied"),
                "the row's count (the writer deleted some rows meanwhile)");
    }

    /** {@code writerWaited}: the writer's longest statement from the cut-over's request to its end. */
    private void afterTheCutover(ObjectName bean, ObjectName partition, ObjectName sinkTask, double writerWaited) {
        Poll.until(WAIT, () -> "complete over JMX: " + attributes(bean), () ->
                "complete".equals(jmx.getAttribute(bean, "state")));
        assertTrue((Long) attribute(bean, "cutover-attempts-total") >= 1, "a cut-over attempt: " + attributes(bean));
        assertEquals(0L, attribute(bean, "revert-attempts-total"));
        double stall = (Double) attribute(bean, "last-writer-stall-ms");
        assertTrue(stall > 0 && stall < LOCK_TIMEOUT_MS + 10_000, "the writers' wait measured by the lock: " + stall);
        assertTrue(writerWaited <= stall + 250, "no statement of the writer waited much longer than the lock says: the "
                + "writer waited at most " + writerWaited + " ms, the lock says " + stall + " ms");
        double window = (Double) attribute(bean, "revert-window-remaining-ms");
        assertTrue(window > 0 && window <= 1_800_000, "revert window left: " + window);
        assertEquals(1, attribute(bean, "revertible"));
        Poll.until(WAIT, () -> "the sink's partition routed inverse: " + attributes(partition), () ->
                "inverse".equals(jmx.getAttribute(partition, "direction")));
        assertEquals(0, attribute(partition, "held"), "not held once the cut-over is settled");
        assertTrue((Double) attribute(sinkTask, "records-applied-total") > 0, "records applied: " + attributes(sinkTask));
        assertTrue((Double) attribute(sinkTask, "batch-apply-max-time-ms") > 0, "batch times: " + attributes(sinkTask));
        assertEquals(0L, attribute(sinkTask, "held-partitions"));
    }

    private void afterTheRevert(ObjectName bean, ObjectName partition, String migration) {
        Poll.until(WAIT, () -> "reverted over JMX: " + attributes(bean), () ->
                "reverted".equals(jmx.getAttribute(bean, "state")));
        assertTrue((Long) attribute(bean, "revert-attempts-total") >= 1, "a revert attempt: " + attributes(bean));
        assertTrue((Long) attribute(bean, "cutover-attempts-total") >= 1, "the cut-over's attempts, counted by their "
                + "markers, survive the task's restart for the revert: " + attributes(bean));
        assertEquals(1, attribute(bean, "revertible"), "a reverted migration can be re-applied in its window");
        Poll.until(WAIT, () -> "the sink's partition routed forward again: " + attributes(partition), () ->
                "forward".equals(jmx.getAttribute(partition, "direction"))
                        && migration.equals(jmx.getAttribute(partition, "migration")));
    }

    /** What Prometheus gets through the rules file: the states as labels, the numbers as values. */
    private void throughTheExporter(List<ExporterScrape.Series> scrape, String migration, String topic) {
        assertEquals(1.0, ExporterScrape.find(scrape, "twoway_migration_state", Map.of("migration", migration,
                "state", "reverted")).orElseThrow(() -> new AssertionError("no reverted state in " + scrape)).value());
        assertTrue(ExporterScrape.find(scrape, "twoway_migration_revert_attempts_total", Map.of("migration", migration))
                .orElseThrow().value() >= 1);
        assertEquals(1.0, ExporterScrape.find(scrape, "twoway_sink_partition_direction", Map.of("topic", topic,
                "direction", "forward")).orElseThrow(() -> new AssertionError("no forward direction in " + scrape)).value());
        assertTrue(ExporterScrape.find(scrape, "twoway_sink_records_applied_total",
                Map.of("connector", pipeline.sinkName())).orElseThrow().value() > 0);
    }

    private Object attribute(ObjectName bean, String name) {
        try {
            return jmx.getAttribute(bean, name);
        }
        catch (Exception e) {
            throw new AssertionError("cannot read " + name + " of " + bean + ": " + e, e);
        }
    }

    /** Every attribute of the bean, for failure messages. */
    private String attributes(ObjectName bean) {
        try {
            StringBuilder out = new StringBuilder(bean.toString()).append(" {");
            for (var info : jmx.getMBeanInfo(bean).getAttributes()) {
                out.append(info.getName()).append('=').append(jmx.getAttribute(bean, info.getName())).append(", ");
            }
            return out.append('}').toString();
        }
        catch (Exception e) {
            return bean + " (" + e + "; registered: " + jmx.queryNames(bean, null) + ")";
        }
    }
}
