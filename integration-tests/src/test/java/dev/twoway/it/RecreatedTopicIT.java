package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestTables;

/**
 * A sink deployed again under its old name after its topic was deleted and created again: its
 * stored offset lies beyond the new log's end. It used to skip every record of the new topic as
 * already applied while its migration waited for ever; now its task fails at the first record
 * with the topic, the stored offset and where the log now starts, and the migration's state row
 * says the same.
 */
class RecreatedTopicIT extends PipelineTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Override
    protected String databasePrefix() {
        return "recreated";
    }

    @Test
    void aSinkWhoseTopicWasCreatedAgainFailsWithTheOffsetsAndSaysSoInTheMigrationsRow() throws Exception {
        String table = "t_recreated";
        TestTables.createItems(mysql, db, table, 200);
        pipeline.awaitSettled(table);
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "ready", Map.of());
        pipeline.awaitState(migration, "ready", WAIT);
        for (int i = 0; i < 20; i++) {
            mysql.execute("UPDATE `" + db + "`.`" + table + "` SET name = 'n" + i + "' WHERE id = 1");
        }
        String topic = pipeline.topic(table);
        String progress = "SELECT next_offset FROM `_twoway`.`sink_progress` WHERE connector = '" + pipeline.sinkName()
                + "' AND topic = '" + topic + "'";
        Poll.until(WAIT, "the sink applies the updates", () -> Long.parseLong(mysql.value(progress)) >= 23);

        TestConnect.cluster().deleteConnector(pipeline.sinkName());
        Poll.until(WAIT, "the sink deleted", () -> !TestConnect.cluster().connectors().contains(pipeline.sinkName()));
        TestConnect.awaitSinkStopped(pipeline.sinkName());
        long stored = Long.parseLong(mysql.value(progress));
        TestConnect.cluster().kafka().deleteTopic(topic);
        Poll.until(WAIT, topic + " created again by the source's next change", () -> {
            mysql.execute("UPDATE `" + db + "`.`" + table + "` SET name = 'after' WHERE id = 2");
            return TestConnect.cluster().kafka().describeTopics(topic).get(topic).isPresent()
                    && TestConnect.cluster().kafka().endOffset(new org.apache.kafka.common.TopicPartition(topic, 0)) > 0;
        });
        long redeployedAt = System.nanoTime();
        TestConnect.cluster().configureConnector(pipeline.sinkName(), pipeline.sinkConfig());

        Poll.until(WAIT, () -> "the sink's task fails: " + TestConnect.describe(pipeline.sinkName()),
                () -> TestConnect.describe(pipeline.sinkName()).contains("task 0 FAILED"));
        long failedAt = System.nanoTime();
        String status = TestConnect.describe(pipeline.sinkName());
        assertTrue(status.contains(topic + "-0 delivered offset 0") && status.contains("applied every record up to "
                + (stored - 1)) && status.contains("deleted and created again"), status);
        Poll.until(Duration.ofSeconds(10), () -> "the reason in the migration's row: " + pipeline.rowQuietly(migration),
                () -> String.valueOf(pipeline.row(migration).get("message")).contains(topic + "-0 delivered offset 0"));
        assertEquals(Long.toString(stored), mysql.value(progress), "the stored progress is left as it was");
        System.out.printf("re-created topic: the sink's task FAILED %d ms after it was deployed again%n",
                (failedAt - redeployedAt) / 1_000_000);
    }
}
