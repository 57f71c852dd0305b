package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.ModelCheck;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestTables;

/**
 * The checksum before every swap (docs/ARCHITECTURE.md, "checksum"), on the real server under a
 * live writer: a clean migration passes it before its cut-over and its revert; a shadow row changed
 * behind twoway's back refuses the cut-over, naming the row's key, with every table untouched; a
 * snapshot that cannot be had is retried, saying so; {@code migration.checksum=cutover} checks the
 * first cut-over only, and {@code off} swaps without it.
 */
class ChecksumIT extends PipelineTest {
    private static final int RATE = 200;
    private static final int ROWS = 20_000;
    /** A row the writer never touches (it updates and deletes only rows it read at its start, or wrote). */
    private static final long UNTOUCHED = 5_000_000L;
    private static final List<String> WRITTEN = List.of("k", "name", "c", "pad");

    @Override
    protected String databasePrefix() {
        return "checksum";
    }

    @Test
    void aCleanMigrationPassesTheChecksumBeforeItsCutoverAndItsRevert() throws Exception {
        String table = "ck_clean";
        TestTables.createItems(mysql, db, table, ROWS);
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, WRITTEN, RATE)) {
            String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "complete",
                    Map.of("migration.checksum", "on"));
            pipeline.awaitState(migration, "complete", Duration.ofMinutes(3));
            List<String> passed = checksums(migration);
            assertEquals(1, passed.size(), "one checksum before the cut-over: " + passed);
            assertTrue(passed.get(0).contains("ready: checksum passed before the cut-over"), passed.get(0));
            assertTrue(passed.get(0).contains("equal in"), passed.get(0));

            pipeline.target(migration, "reverted");
            pipeline.awaitState(migration, "reverted", Duration.ofMinutes(2));
            passed = checksums(migration);
            assertEquals(2, passed.size(), "and one before the revert: " + passed);
            assertTrue(passed.get(1).contains("complete: checksum passed before the revert"), passed.get(1));

            writer.pause();
            ModelCheck.assertNoDifference(mysql, db, table, writer.model(), r -> r, "after the revert");
        }
    }

    @Test
    void aShadowRowChangedBehindTwowaysBackRefusesTheCutoverNamingItsKey() throws Exception {
        String table = "ck_tampered";
        TestTables.createItems(mysql, db, table, ROWS);
        String qualified = "`" + db + "`.`" + table + "`";
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, WRITTEN, RATE)) {
            String migration = pipeline.migrate("ALTER TABLE " + qualified + " DROP COLUMN title", "ready", Map.of());
            Map<String, String> ready = pipeline.awaitState(migration, "ready", Duration.ofMinutes(3));
            String shadow = "`" + db + "`.`" + ready.get("shadow_table") + "`";
            tamper(qualified, shadow);

            pipeline.target(migration, "complete");
            Poll.until(Duration.ofMinutes(2), () -> "the cut-over is refused: " + pipeline.rowQuietly(migration),
                    () -> pipeline.row(migration).get("stage").contains("refused: checksum mismatch"));
            Map<String, String> refused = pipeline.row(migration);
            assertEquals("ready", refused.get("state"), "nothing swapped");
            assertTrue(refused.get("message").contains("[" + UNTOUCHED + "] (values differ)"),
                    "the row names the key: " + refused.get("message"));
            Poll.until(Duration.ofSeconds(30), () -> "the task fails with the reason: " + TestConnect.describe(migration),
                    () -> TestConnect.describe(migration).contains("FAILED")
                            && TestConnect.describe(migration).contains("[" + UNTOUCHED + "] (values differ)"));
            assertEquals(List.of(), checksums(migration), "no checksum passed");
            assertEquals("1", mysql.value("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                    + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'title'"), "the table keeps its schema");
            assertEquals("name-untouched", mysql.value("SELECT name FROM " + qualified + " WHERE id = " + UNTOUCHED),
                    "the live table keeps its row");
            assertEquals("tampered", mysql.value("SELECT name FROM " + shadow + " WHERE id = " + UNTOUCHED),
                    "the shadow is left as found, to look at");
            writer.pause();
            Map<Long, Map<String, String>> expected = new TreeMap<>(writer.model());
            Map<String, String> untouched = new LinkedHashMap<>();
            untouched.put("id", Long.toString(UNTOUCHED));
            untouched.put("k", "1");
            untouched.put("name", "name-untouched");
            untouched.put("title", null);
            untouched.put("c", "c");
            untouched.put("pad", "pad");
            expected.put(UNTOUCHED, untouched);
            ModelCheck.assertNoDifference(mysql, db, table, expected, r -> r, "the live table, after the refusal");
        }
    }

    @Test
    void aChecksumThatCannotTakeItsSnapshotSaysSoAndTriesAgain() throws Exception {
        String table = "ck_blocked";
        TestTables.createItems(mysql, db, table, ROWS);
        String qualified = "`" + db + "`.`" + table + "`";
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, WRITTEN, RATE)) {
            String migration = pipeline.migrate("ALTER TABLE " + qualified + " DROP COLUMN title", "ready",
                    Map.of("migration.cutover.backoff.ms", "500", "migration.cutover.retries", "50"));
            pipeline.awaitState(migration, "ready", Duration.ofMinutes(3));
            try (Connection blocker = mysql.connect(); Statement s = blocker.createStatement()) {
                s.execute("LOCK TABLES " + qualified + " WRITE"); // as a long transaction would, holding the table
                pipeline.target(migration, "complete");
                Poll.until(Duration.ofMinutes(1), () -> "the row says the checksum could not start: "
                        + pipeline.rowQuietly(migration), () -> pipeline.row(migration).get("stage")
                                .contains("checksum attempt 2 of 50 could not start; next in"));
                Map<String, String> waiting = pipeline.row(migration);
                assertTrue(waiting.get("message").contains("the lock for the snapshot was not granted"),
                        waiting.get("message"));
                assertEquals("ready", waiting.get("state"));
                s.execute("UNLOCK TABLES");
            }
            pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
            assertEquals(1, checksums(migration).size(), "then it passed: " + checksums(migration));
        }
    }

    /**
     * An application whose transactions overlap (one always open on the table, as a pool of
     * connections each in a transaction of several statements is): a read lock's request never
     * gets through them, as MySQL grants new writes before a waiting LOCK TABLES … READ, so the
     * snapshot could never be taken and the migration failed after its retries (the write-rate
     * ladder's grouped writers found it). A waiting write lock goes before new writes, as the
     * cut-over's does: granted once the open transactions end.
     */
    @Test
    void theSnapshotIsTakenBetweenOverlappingTransactions() throws Exception {
        String table = "ck_overlap";
        TestTables.createItems(mysql, db, table, ROWS);
        String qualified = "`" + db + "`.`" + table + "`";
        String migration = pipeline.migrate("ALTER TABLE " + qualified + " DROP COLUMN title", "ready",
                Map.of("migration.cutover.backoff.ms", "200", "migration.cutover.retries", "3"));
        pipeline.awaitState(migration, "ready", Duration.ofMinutes(3));
        try (OverlappingTransactions open = new OverlappingTransactions(qualified)) {
            Poll.until(Duration.ofSeconds(30), "both transactions run", () -> open.committed() >= 4);
            pipeline.target(migration, "complete");
            Map<String, String> complete = pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
            assertEquals(1, checksums(migration).size(), "the checksum passed: " + checksums(migration) + "; " + complete);
            assertTrue(open.committed() > 4, "the transactions went on");
        }
    }

    /** Two connections in turn, each holding a transaction on the table 200 ms, the next begun before the last ends. */
    private final class OverlappingTransactions implements AutoCloseable {
        private final java.util.concurrent.atomic.AtomicBoolean running = new java.util.concurrent.atomic.AtomicBoolean(true);
        private final java.util.concurrent.atomic.AtomicLong committed = new java.util.concurrent.atomic.AtomicLong();
        private final List<Thread> threads;

        OverlappingTransactions(String qualified) {
            threads = List.of(thread(qualified, 1, 0), thread(qualified, 2, 100));
            threads.forEach(Thread::start);
        }

        private Thread thread(String qualified, long id, long offsetMs) {
            return new Thread(() -> {
                try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
                    s.execute("DO SLEEP(" + offsetMs / 1000.0 + ")");
                    while (running.get()) {
                        s.execute("BEGIN");
                        s.execute("UPDATE " + qualified + " SET k = k + 1 WHERE id = " + id);
                        s.execute("DO SLEEP(0.2)");
                        s.execute("COMMIT");
                        committed.incrementAndGet();
                    }
                }
                catch (SQLException e) {
                    if (running.get()) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "overlapping-" + id);
        }

        long committed() {
            return committed.get();
        }

        @Override
        public void close() throws InterruptedException {
            running.set(false);
            for (Thread t : threads) {
                t.join(10_000);
            }
        }
    }

    @Test
    void checksumCutoverChecksTheFirstCutoverOnlySoRevertsStayInstant() throws Exception {
        String table = "ck_first";
        TestTables.createItems(mysql, db, table, ROWS);
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, WRITTEN, RATE)) {
            String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "complete",
                    Map.of("migration.checksum", "cutover"));
            pipeline.awaitState(migration, "complete", Duration.ofMinutes(3));
            assertEquals(1, checksums(migration).size(), "checked before the first cut-over");
            pipeline.target(migration, "reverted");
            pipeline.awaitState(migration, "reverted", Duration.ofMinutes(2));
            pipeline.target(migration, "complete");
            pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
            assertEquals(1, checksums(migration).size(), "not before the revert or the re-apply: " + checksums(migration));
            writer.pause();
            ModelCheck.assertNoDifference(mysql, db, table, writer.model(), r -> ModelCheck.without(r, "title"),
                    "after the re-apply");
        }
    }

    @Test
    void checksumOffSwapsWithoutIt() throws Exception {
        String table = "ck_off";
        TestTables.createItems(mysql, db, table, ROWS);
        String qualified = "`" + db + "`.`" + table + "`";
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, WRITTEN, RATE)) {
            String migration = pipeline.migrate("ALTER TABLE " + qualified + " DROP COLUMN title", "ready",
                    Map.of("migration.checksum", "off"));
            Map<String, String> ready = pipeline.awaitState(migration, "ready", Duration.ofMinutes(3));
            tamper(qualified, "`" + db + "`.`" + ready.get("shadow_table") + "`");
            pipeline.target(migration, "complete");
            pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
            assertEquals(List.of(), checksums(migration), "no checksum ran");
            assertEquals("tampered", mysql.value("SELECT name FROM " + qualified + " WHERE id = " + UNTOUCHED),
                    "the risk the user accepted: the changed row went live");
        }
    }

    /**
     * A row the writer never touches, streamed into the shadow, then changed there directly
     * (without binary logging: behind the pipeline's back).
     */
    private void tamper(String qualified, String shadow) throws SQLException {
        mysql.execute("INSERT INTO " + qualified + " (id, k, name, title, c, pad) VALUES (" + UNTOUCHED
                + ", 1, 'name-untouched', NULL, 'c', 'pad')");
        Poll.until(Duration.ofSeconds(60), "the row reaches the shadow", () -> "1".equals(mysql.value(
                "SELECT COUNT(*) FROM " + shadow + " WHERE id = " + UNTOUCHED)));
        mysql.execute("SET SESSION sql_log_bin = 0", "UPDATE " + shadow + " SET name = 'tampered' WHERE id = " + UNTOUCHED);
    }

    /** The stages and messages of the migration's checksum audit records, in order. */
    private List<String> checksums(String migration) throws SQLException {
        return mysql.column("SELECT CONCAT(stage, ' | ', message) FROM `_twoway`.`audit` WHERE migration_id = '"
                + migration + "' AND stage LIKE '%checksum passed%' ORDER BY seq");
    }
}
