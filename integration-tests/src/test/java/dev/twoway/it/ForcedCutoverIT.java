package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.ModelCheck;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestTables;

/**
 * {@code migration.cutover.force.after.ms}: a transaction holding the table's metadata lock blocks
 * the cut-over until the swap has been blocked that long; the next attempt kills the blocker's
 * connection (its transaction rolled back, its next statement failing), names it in the state row
 * and the audit, and swaps, while a writer runs throughout and loses nothing.
 */
class ForcedCutoverIT extends PipelineTest {
    /** The default: a shorter one failed attempts here on a loaded machine for the sink's lag alone. */
    private static final long LOCK_TIMEOUT_MS = 3_000;
    /** Past the first attempt's timeout and its backoff: the second attempt or the third is forced. */
    private static final long FORCE_AFTER_MS = 4_000;
    /** Between a blocked attempt's end and the forced one's lock: the writer's stalls of the two are told apart by it. */
    private static final long BACKOFF_MS = 3_000;

    @Override
    protected String databasePrefix() {
        return "forced";
    }

    @Test
    void aCutoverBlockedLongerThanTheOptionKillsTheBlockerAndSwaps() throws Exception {
        String table = "held";
        TestTables.createItems(mysql, db, table, 5_000);
        mysql.execute("CREATE TABLE `" + db + "`.`blocker_writes` (id INT PRIMARY KEY)");
        String qualified = "`" + db + "`.`" + table + "`";
        String migration = pipeline.migrate("ALTER TABLE " + qualified + " DROP COLUMN title", "ready", Map.of(
                "migration.cutover.lock.timeout.ms", String.valueOf(LOCK_TIMEOUT_MS),
                "migration.cutover.backoff.ms", String.valueOf(BACKOFF_MS), "migration.cutover.retries", "50",
                "migration.cutover.force.after.ms", String.valueOf(FORCE_AFTER_MS)));
        pipeline.awaitState(migration, "ready", Duration.ofMinutes(3));
        Map<String, String> row;
        long id;
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, List.of("k", "name", "c", "pad"), 100);
             Connection blocker = mysql.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            id = connectionId(s);
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + qualified + " WHERE id <= 10")) {
                rs.next(); // the transaction now holds the table's metadata lock until it ends
            }
            s.executeUpdate("INSERT INTO `" + db + "`.`blocker_writes` VALUES (1)"); // rolled back by the kill
            long requested = System.currentTimeMillis();
            pipeline.target(migration, "complete");
            row = pipeline.awaitState(migration, "complete", Duration.ofMinutes(1));
            long cutover = ModelCheck.epochMillis(row.get("cutover_at"));
            long mark = writer.statements();
            Poll.until(Duration.ofSeconds(30), "the writer goes on after the cut-over", () -> writer.statements() > mark + 20);
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1").close(), "the blocker's connection is gone");
            writer.close();
            // The forced attempt locks only after its kill, its RENAME (cutover_at) less than the lock
            // timeout later; the attempts before it each held the writers for up to the lock timeout
            // and ended a backoff (3 s) before its lock: the statements running in the last 2.5 s
            // before the swap are the forced attempt's.
            long from = cutover - (BACKOFF_MS - 500);
            double[] forced = writer.latenciesMillis(from, cutover + 1_000);
            double forcedStall = forced.length == 0 ? 0 : forced[forced.length - 1];
            System.out.printf("forced cut-over %,d ms after the request: writer's longest stall across the forced "
                            + "attempt %.1f ms, across the blocked attempts before it %.1f ms (lock timeout %d ms)%n",
                    cutover - requested, forcedStall, writer.longestStallMillis(requested, from), LOCK_TIMEOUT_MS);
            assertTrue(forcedStall < LOCK_TIMEOUT_MS, "the forced attempt's lock went through without waiting out its "
                    + "timeout: " + forcedStall + " ms");
            ModelCheck.assertNoDifference(mysql, db, table, writer.model(), r -> ModelCheck.without(r, "title"),
                    "in the live table after the forced cut-over");
            String old = row.get("old_table");
            Poll.until(Duration.ofSeconds(60), "the old table, kept in sync in reverse, holds the writer's rows",
                    () -> ModelCheck.differences(mysql, db, old, writer.model(), r -> r).isEmpty());
        }
        String killed = "cut-over forced: killed connection " + id + " (" + mysql.user() + "@";
        assertTrue(row.get("message") != null && row.get("message").contains(killed), "the row names it: " + row);
        assertTrue(row.get("message").contains("idle in a transaction; last statement: INSERT INTO"), row.get("message"));
        List<String> audit = mysql.column("SELECT message FROM `_twoway`.`audit` WHERE migration_id = '" + migration
                + "' AND to_state = 'complete'");
        assertEquals(1, audit.size(), audit.toString());
        assertTrue(audit.get(0).contains("cut-over freeze point") && audit.get(0).contains(killed), audit.get(0));
        assertEquals("0", mysql.value("SELECT COUNT(*) FROM `" + db + "`.`blocker_writes`"),
                "the killed transaction was rolled back");
        pipeline.assertRunning();
    }

    /**
     * A deploy request's swap is one: a transaction holding its second table blocks the group; the
     * forced attempt kills it and swaps both tables in one RENAME, each member's row naming the kill.
     */
    @Test
    void aGroupBlockedOnOneOfItsTablesIsForcedAsOne() throws Exception {
        TestTables.createItems(mysql, db, "first", 1_000);
        TestTables.createItems(mysql, db, "second", 1_000);
        String request = pipeline.migrate("ALTER TABLE `" + db + "`.`first` DROP COLUMN title;\n"
                + "ALTER TABLE `" + db + "`.`second` DROP COLUMN title", "ready", Map.of(
                "migration.cutover.backoff.ms", "500", "migration.cutover.retries", "50",
                "migration.cutover.force.after.ms", "1", "migration.checksum", "off"));
        pipeline.awaitMembers(request, 2, "ready", Duration.ofMinutes(3));
        long id;
        try (Connection blocker = mysql.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            id = connectionId(s);
            s.executeQuery("SELECT COUNT(*) FROM `" + db + "`.`second`").close(); // holds the second table
            pipeline.target(request, "complete");
            List<Map<String, String>> members = pipeline.awaitMembers(request, 2, "complete", Duration.ofMinutes(1));
            assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1").close(), "the blocker's connection is gone");
            assertEquals(members.get(0).get("cutover_at"), members.get(1).get("cutover_at"), "one swap");
            for (Map<String, String> member : members) {
                assertTrue(member.get("message").startsWith("cut-over forced: killed connection " + id + " ("),
                        member.get("migration_id") + ": " + member.get("message"));
            }
        }
    }

    private static long connectionId(Statement s) throws SQLException {
        try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
