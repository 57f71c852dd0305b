package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.twoway.core.Sql;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestTables;

/**
 * Issue 11, defect 5: a table whose name is no valid topic name. Debezium writes its changes to a
 * sanitised topic ({@code order items} -> {@code order_items}); markers routed to the raw name
 * failed the source task at every restart and stopped every migration. Copy, cut-over and revert
 * through the real pipeline, for names with a space, a dash, a dot, a backtick, a reserved word
 * and non-ASCII letters.
 */
class OddTableNamesIT extends PipelineTest {
    @Override
    protected String databasePrefix() {
        return "oddnames";
    }

    @ParameterizedTest
    @ValueSource(strings = {"order items", "line-items", "v1.2", "select", "caf\u00e9 cr\u00e8me", "\u65e5\u672c\u8a9e", "we`ird"})
    void copyCutoverAndRevertKeepEveryRow(String table) throws Exception {
        String qualified = Sql.qualified(db, table);
        TestTables.createItems(mysql, db, table, 2_000);
        pipeline.awaitSettled(table);

        String migration = pipeline.migrate("ALTER TABLE " + qualified + " DROP COLUMN title", "complete", Map.of());
        pipeline.awaitState(migration, "complete", Duration.ofMinutes(3));
        assertEquals("2000", mysql.value("SELECT COUNT(*) FROM " + qualified), "every row copied");
        assertTrue(mysql.column("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = "
                + Sql.literal(db) + " AND TABLE_NAME = " + Sql.literal(table)).stream().noneMatch("title"::equals));
        mysql.execute("INSERT INTO " + qualified + " (k, name) VALUES (1, 'after the cut-over')",
                "UPDATE " + qualified + " SET name = 'renamed' WHERE id = 4");

        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", Duration.ofMinutes(3));

        assertEquals(List.of("2001", "1", "title-4|renamed", "1"), Arrays.asList(
                mysql.value("SELECT COUNT(*) FROM " + qualified),
                mysql.value("SELECT COUNT(*) FROM " + qualified + " WHERE name = 'after the cut-over' AND title IS NULL"),
                mysql.value("SELECT CONCAT(title, '|', name) FROM " + qualified + " WHERE id = 4"),
                mysql.value("SELECT COUNT(*) FROM " + qualified + " WHERE id = 5 AND title = 'title-5'")),
                "after the revert: rows, the row written after the cut-over, the row renamed after it, an untouched one");
        assertMarkersOnTheDataTopic(migration, table);
    }

    /** The start, cut-over and revert markers sit in the very topic that holds the table's rows. */
    private void assertMarkersOnTheDataTopic(String migration, String table) {
        String topic = pipeline.topic(table);
        assertTrue(topic.matches("[a-zA-Z0-9._-]+"), topic);
        try (KafkaConsumer<byte[], byte[]> consumer = TestConnect.consumer(topic)) {
            List<ConsumerRecord<byte[], byte[]>> records = TestConnect.read(consumer, 12, Duration.ofSeconds(30));
            List<String> markers = records.stream().filter(r -> migration.equals(header(r, "twoway.migration")))
                    .map(r -> header(r, "twoway.marker")).distinct().toList();
            assertTrue(markers.containsAll(List.of("start", "cutover", "revert")), topic + " holds markers " + markers);
            assertTrue(records.stream().anyMatch(r -> header(r, "twoway.marker") == null && r.value() != null),
                    topic + " holds the table's rows too");
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String key) {
        Header header = record.headers().lastHeader(key);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
