package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;

/**
 * Inserts, updates and deletes of a few dozen keys interleaved in one transaction of 3,000, which
 * the sink reads once resumed (it is paused meanwhile), so that one batch holds many changes of each key: a key deleted and written again, written and
 * deleted, updated several times. On a table whose only unique key is its integer primary key the
 * sink writes such a batch as its last change per key (deletes and upserts apart); the tables
 * must still end equal, read both ways: the shadow equals the table before the cut-over, the old
 * table equals the live one after it, where a row deleted and inserted again after the cut-over
 * is a new row (the dropped column NULL, not the old row's value kept) and a row only updated
 * keeps it, and the live table's
 * AUTO_INCREMENT counter has passed every id the original handed out, deleted ones too.
 */
class InterleavedChangesIT extends PipelineTest {
    private static final int KEYS = 40;
    private static final String COLUMNS = "id, k, name";

    @Override
    protected String databasePrefix() {
        return "interleaved";
    }

    @Test
    void aBatchOfInterleavedChangesLeavesBothTablesEqualInBothDirections() throws Exception {
        String table = "churn";
        String qualified = "`" + db + "`.`" + table + "`";
        mysql.execute("CREATE TABLE " + qualified + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, k INT NULL, "
                        + "name VARCHAR(64) NULL, title VARCHAR(64) NULL, KEY k_idx (k))",
                "INSERT INTO " + qualified + " (id, k, name, title) WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL "
                        + "SELECT i + 1 FROM n WHERE i < " + KEYS + ") SELECT i, i, CONCAT('name-', i), "
                        + "CONCAT('title-', i) FROM n");
        pipeline.awaitSettled(table);
        String migration = pipeline.migrate("ALTER TABLE " + qualified + " DROP COLUMN title", "ready", Map.of());
        Map<String, String> ready = pipeline.awaitState(migration, "ready", Duration.ofMinutes(3));
        String shadow = "`" + db + "`.`" + ready.get("shadow_table") + "`";

        Churn forward = whileSinkPaused(table, () -> churn(qualified, 1, 3_000));
        Poll.until(Duration.ofMinutes(2), "the shadow equals the table", () -> rows(shadow).equals(rows(qualified)));

        pipeline.target(migration, "complete");
        Map<String, String> complete = pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
        String old = "`" + db + "`.`" + complete.get("old_table") + "`";
        long next;
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + qualified + " (k, name) VALUES (0, 'next')", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                next = keys.getLong(1);
            }
        }
        assertTrue(next > forward.highestInserted, "the live table's counter (" + next + ") passed every id inserted "
                + "before the cut-over, deleted ones too (" + forward.highestInserted + ")");
        Churn inverse = whileSinkPaused(table, () -> churn(qualified, 2, 3_000));
        Poll.until(Duration.ofMinutes(2), "the old table equals the live table", () -> rows(old).equals(rows(qualified)));
        assertTrue(inverse.deleted.size() > KEYS / 2, "the writer deleted and wrote again most keys: " + inverse.deleted);

        // The old table's own column, which the inverse never writes: a row updated keeps it, a row deleted and
        // written again in the same batch is a new row without it (the churn ends most keys deleted in some batch,
        // which hides that: every row is recreated or updated once here, in one batch).
        mysql.execute("UPDATE " + old + " SET title = CONCAT('kept-', id)");
        Map<Long, String> expected = new TreeMap<>();
        titles(old).forEach((id, title) -> expected.put(id, id % 2 == 1 ? null : title));
        whileSinkPaused(table, () -> recreateOddRows(qualified, expected.keySet()));
        Poll.until(Duration.ofMinutes(2), "the old table equals the live table", () -> rows(old).equals(rows(qualified)));
        assertEquals(expected, titles(old), "a row deleted and written again is a new row; a row updated keeps its title");
    }

    private interface Work {
        Churn run() throws SQLException;
    }

    /**
     * Runs the churn with the sink paused until the table's topic holds its changes, so that the
     * sink then reads them in full batches (a sink that keeps up with Debezium reads a few records
     * at a time, and few of its batches would hold two changes of a key).
     */
    private Churn whileSinkPaused(String table, Work work) throws SQLException {
        String sink = pipeline.sinkName();
        TopicPartition topic = new TopicPartition(pipeline.topic(table), 0);
        TestConnect.cluster().pauseConnector(sink);
        try (KafkaConsumer<byte[], byte[]> consumer = TestConnect.consumer(topic.topic())) {
            Poll.until(Duration.ofMinutes(1), "the sink pauses", () -> TestConnect.describe(sink)
                    .matches("PAUSED; task 0 PAUSED"));
            long before = consumer.endOffsets(List.of(topic)).get(topic);
            Churn churn = work.run();
            Poll.until(Duration.ofMinutes(2), "the topic holds the churn's " + churn.events + " changes", () ->
                    consumer.endOffsets(List.of(topic)).get(topic) >= before + churn.events);
            return churn;
        }
        finally {
            TestConnect.cluster().resumeConnector(sink);
        }
    }

    /** What a churn did: the keys it deleted (maybe written again later), the highest id it inserted, its records. */
    private record Churn(Set<Long> deleted, long highestInserted, long events) {
    }

    /**
     * {@code statements} random changes in one transaction, on ids 1..{@link #KEYS} (an update, a
     * delete, an insert of the id again, or an insert of a fresh id deleted right after).
     */
    private Churn churn(String qualified, long seed, int statements) throws SQLException {
        Random random = new Random(seed);
        Set<Long> deleted = new HashSet<>();
        long highest = 0;
        long events = 0;
        try (Connection c = mysql.connect()) {
            c.setAutoCommit(false);
            for (int i = 1; i <= statements; i++) {
                long id = 1 + random.nextInt(KEYS);
                switch (random.nextInt(4)) {
                    case 0 -> events += update(c, "UPDATE " + qualified + " SET name = ?, k = k + 1 WHERE id = ?",
                            "u" + i, id);
                    case 1 -> {
                        events += 2 * update(c, "DELETE FROM " + qualified + " WHERE id = ?", id); // and its tombstone
                        deleted.add(id);
                    }
                    case 2 -> events += Math.min(1, update(c, "INSERT INTO " + qualified + " (id, k, name) "
                            + "VALUES (?, 0, ?) ON DUPLICATE KEY UPDATE name = VALUES(name)", id, "i" + i));
                    default -> {
                        highest = Math.max(highest, insertAndDelete(c, qualified, i));
                        events += 3;
                    }
                }
            }
            c.commit();
        }
        return new Churn(deleted, highest, events);
    }

    /** Rows affected (an upsert that updates counts 2). */
    private static int update(Connection c, String sql, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            return s.executeUpdate();
        }
    }

    /** Odd ids deleted and inserted again, even ids updated, in one transaction. */
    private Churn recreateOddRows(String qualified, Set<Long> ids) throws SQLException {
        long events = 0;
        try (Connection c = mysql.connect()) {
            c.setAutoCommit(false);
            for (long id : ids) {
                if (id % 2 == 1) {
                    events += 2 * update(c, "DELETE FROM " + qualified + " WHERE id = ?", id);
                    events += update(c, "INSERT INTO " + qualified + " (id, k, name) VALUES (?, 1, 'again')", id);
                }
                else {
                    events += update(c, "UPDATE " + qualified + " SET name = 'updated' WHERE id = ?", id);
                }
            }
            c.commit();
        }
        return new Churn(Set.of(), 0, events);
    }

    private static long insertAndDelete(Connection c, String qualified, int i) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + qualified + " (k, name) VALUES (" + i + ", 'gone')",
                    Statement.RETURN_GENERATED_KEYS);
            long id;
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
            s.executeUpdate("DELETE FROM " + qualified + " WHERE id = " + id);
            return id;
        }
    }

    private List<String> rows(String qualified) throws SQLException {
        return mysql.column("SELECT CONCAT_WS('|', " + COLUMNS + ") FROM " + qualified + " ORDER BY id");
    }

    private Map<Long, String> titles(String qualified) throws SQLException {
        Map<Long, String> titles = new TreeMap<>();
        try (Connection c = mysql.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, title FROM " + qualified)) {
            while (rs.next()) {
                titles.put(rs.getLong(1), rs.getString(2));
            }
        }
        return titles;
    }
}
