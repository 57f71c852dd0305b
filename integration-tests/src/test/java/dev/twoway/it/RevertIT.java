package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.ModelCheck;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestTables;

/**
 * Instant revert: the old table kept in sync in reverse from the cut-over on, so a revert is
 * one more swap that loses no write, and a revert can itself be reverted.
 */
class RevertIT extends PipelineTest {
    private static final int RATE = 200;
    private static final List<String> ALL = List.of("k", "name", "title", "c", "pad");

    @Override
    protected String databasePrefix() {
        return "revert";
    }

    @Test
    void revertBringsBackTitlesAndKeepsEveryWriteMadeAfterTheCutover() throws Exception {
        String users = "`" + db + "`.`users`";
        mysql.execute("CREATE TABLE " + users + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(64), title VARCHAR(64) NULL)",
                "INSERT INTO " + users + " (name, title) VALUES ('Alice', 'Engineer'), ('Bob', 'Manager'), "
                        + "('Carol', NULL), ('Dave', 'Designer')");
        String migration = pipeline.migrate("ALTER TABLE " + users + " DROP COLUMN title", "complete", Map.of());
        pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
        mysql.execute("INSERT INTO " + users + " (name) VALUES ('Savannah')", "UPDATE " + users + " SET name = 'Robert' WHERE id = 2");

        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", Duration.ofMinutes(2));

        assertEquals(List.of("id", "name", "title"), mysql.column("SELECT COLUMN_NAME FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = 'users' ORDER BY ORDINAL_POSITION"), "title is back");
        assertEquals("1", mysql.value("SELECT COUNT(*) FROM " + users + " WHERE name = 'Savannah' AND title IS NULL"),
                "Savannah, written after the cut-over, is there with a NULL title");
        assertEquals("Robert|Manager", mysql.value("SELECT CONCAT(name, '|', title) FROM " + users + " WHERE id = 2"),
                "the renamed user has the new name and the original title");
        assertEquals(List.of("Alice|Engineer", "Robert|Manager", "Carol|-", "Dave|Designer", "Savannah|-"),
                mysql.column("SELECT CONCAT(name, '|', COALESCE(title, '-')) FROM " + users + " ORDER BY id"), "no row lost");
    }

    @Test
    void dropColumnSurvivesCutoverRevertAndReapplyUnderLoad() throws Exception {
        swapThreeTimes("r_drop", "DROP COLUMN title", List.of("k", "name", "c", "pad"),
                row -> ModelCheck.without(row, "title"), null);
    }

    @Test
    void renameColumnSurvivesCutoverRevertAndReapplyUnderLoad() throws Exception {
        swapThreeTimes("r_rename", "RENAME COLUMN k TO kind", List.of("name", "title", "c", "pad"),
                row -> ModelCheck.renamed(row, "k", "kind"), null);
    }

    @Test
    void widenedColumnSurvivesCutoverRevertAndReapplyUnderLoad() throws Exception {
        swapThreeTimes("r_widen", "MODIFY COLUMN k BIGINT NULL", ALL, UnaryOperator.identity(), null);
    }

    @Test
    void addedColumnValuesSurviveRevertAndReapplyForRowsNotDeleted() throws Exception {
        Map<Long, String> ages = new HashMap<>();
        swapThreeTimes("r_add", "ADD COLUMN age INT NOT NULL DEFAULT 7", ALL, row -> ModelCheck.with(row, "age",
                ages.getOrDefault(Long.parseLong(row.get("id")), "7")), ages);
    }

    @Test
    void narrowingInverseIsFlaggedNotRevertibleAndRevertIsRefused() throws Exception {
        String table = "r_narrow";
        TestTables.createItems(mysql, db, table, 1_000);
        String qualified = "`" + db + "`.`" + table + "`";
        String migration = pipeline.migrate("ALTER TABLE " + qualified + " MODIFY COLUMN name VARCHAR(200) NULL", "complete",
                Map.of());
        pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
        mysql.execute("UPDATE " + qualified + " SET name = REPEAT('n', 150) WHERE id = 10");
        Poll.until(Duration.ofSeconds(60), () -> "flagged not revertible: " + rowQuietly(migration),
                () -> "0".equals(pipeline.row(migration).get("revertible")));
        Map<String, String> flagged = pipeline.row(migration);
        assertEquals("complete", flagged.get("state"), "the migration stays complete");
        assertTrue(flagged.get("message").contains("name"), "the reason names the column: " + flagged.get("message"));
        assertEquals("name-10", mysql.value("SELECT name FROM `" + db + "`.`" + flagged.get("old_table") + "` WHERE id = 10"),
                "the old table was not written with a truncated value");

        String refusal = refusedRevert(migration);
        assertTrue(refusal.contains("revert refused: not revertible") && refusal.contains("name"),
                "the refusal gives the sink's reason: " + refusal);
        assertTrue(pipeline.row(migration).get("message").contains("not revertible"), "the row keeps the reason");
        assertEquals("complete", pipeline.row(migration).get("state"), "nothing changes");
        assertEquals("200", mysql.value("SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + db + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'name'"), "the new schema stays live");
    }

    /**
     * After a revert the sink keeps the parked new table in sync for a re-apply. A row written then
     * that the new schema cannot hold (a name longer than its narrowed column) makes the re-apply
     * impossible without losing that write: the migration is flagged, the re-apply refused with the
     * sink's reason, and the old schema stays live with the row.
     */
    @Test
    void aRowTheNewSchemaCannotHoldWrittenAfterTheRevertRefusesTheReapply() throws Exception {
        String table = "r_reapply";
        TestTables.createItems(mysql, db, table, 1_000);
        String qualified = "`" + db + "`.`" + table + "`";
        String migration = pipeline.migrate("ALTER TABLE " + qualified + " MODIFY COLUMN name VARCHAR(20) NULL",
                "complete", Map.of());
        pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", Duration.ofMinutes(2));
        mysql.execute("UPDATE " + qualified + " SET name = REPEAT('n', 50) WHERE id = 10");
        Poll.until(Duration.ofSeconds(60), () -> "flagged not re-appliable: " + rowQuietly(migration),
                () -> "0".equals(pipeline.row(migration).get("revertible")));
        Map<String, String> flagged = pipeline.row(migration);
        assertEquals("reverted", flagged.get("state"), "the migration stays reverted");
        assertTrue(flagged.get("message").contains("not re-appliable") && flagged.get("message").contains("name"),
                "the reason names the column: " + flagged.get("message"));

        String refusal = assertThrows(ConnectRestException.class, () -> pipeline.target(migration, "complete"))
                .getMessage();
        assertTrue(refusal.contains("re-apply refused: not re-appliable"), "the refusal gives the sink's reason: "
                + refusal);
        assertEquals("reverted", pipeline.row(migration).get("state"), "nothing changes");
        assertEquals("64", mysql.value("SELECT CHARACTER_MAXIMUM_LENGTH FROM information_schema.COLUMNS WHERE "
                + "TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'name'"),
                "the old schema stays live");
        assertEquals("50", mysql.value("SELECT LENGTH(name) FROM " + qualified + " WHERE id = 10"), "with the row");
    }

    /**
     * An operator drops the old table by hand while the migration is still revertible. The sink's
     * next inverse write finds no table (MySQL error 1146): that ends this migration's inverse
     * stream and its revert, named in its row, and nothing else; the sink task applies every
     * other table on. Before, the error failed the shared sink task, stopping every migration.
     */
    @Test
    void anOldTableDroppedByHandEndsOnlyItsRevertAndTheSinkGoesOn() throws Exception {
        String dropped = "r_dropped";
        String other = "r_other";
        TestTables.createItems(mysql, db, dropped, 1_000);
        TestTables.createItems(mysql, db, other, 1_000);
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + dropped + "` DROP COLUMN title", "complete",
                Map.of());
        String ready = pipeline.migrate("ALTER TABLE `" + db + "`.`" + other + "` DROP COLUMN title", "ready", Map.of());
        Map<String, String> complete = pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
        String shadow = pipeline.awaitState(ready, "ready", Duration.ofMinutes(2)).get("shadow_table");

        mysql.execute("DROP TABLE `" + db + "`.`" + complete.get("old_table") + "`");
        mysql.execute("UPDATE `" + db + "`.`" + dropped + "` SET name = 'after the drop' WHERE id = 10");
        Poll.until(Duration.ofSeconds(60), () -> "flagged not revertible: " + rowQuietly(migration) + "; "
                + pipeline.health(), () -> "0".equals(pipeline.row(migration).get("revertible")));
        Map<String, String> flagged = pipeline.row(migration);
        assertEquals("complete", flagged.get("state"), "the migration stays complete");
        assertTrue(flagged.get("message").contains(complete.get("old_table")),
                "the reason names the table gone: " + flagged.get("message"));

        mysql.execute("UPDATE `" + db + "`.`" + other + "` SET name = 'still applied' WHERE id = 10");
        Poll.until(Duration.ofSeconds(60), () -> "the other table's shadow follows: " + pipeline.health(),
                () -> "still applied".equals(mysql.value("SELECT name FROM `" + db + "`.`" + shadow + "` WHERE id = 10")));
        pipeline.assertRunning();
        assertEquals(mysql.column("SELECT CONCAT_WS(',', id, k, name, c, pad) FROM `" + db + "`.`" + other
                        + "` ORDER BY id"),
                mysql.column("SELECT CONCAT_WS(',', id, k, name, c, pad) FROM `" + db + "`.`" + shadow + "` ORDER BY id"),
                "the other migration's shadow equals its table");
        String refusal = refusedRevert(migration);
        assertTrue(refusal.contains("revert refused: not revertible"), "the revert is refused: " + refusal);
    }

    @Test
    void closedWindowFinalizesRetiresTheOldTableAndRefusesRevert() throws Exception {
        String table = "r_window";
        TestTables.createItems(mysql, db, table, 1_000);
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "complete",
                Map.of("migration.revert.window.ms", "3000"));
        Map<String, String> complete = pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
        assertNotNull(complete.get("revertible_until"), "revertible_until is recorded");
        Map<String, String> finalized = pipeline.awaitState(migration, "finalized", Duration.ofMinutes(1));
        String hold = finalized.get("retired_table");
        assertTrue(hold != null && hold.contains("_hold_"), "retired under a hold name: " + hold);
        assertEquals("1", mysql.value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = '" + hold + "'"), "the old table is kept under its hold name");
        assertNull(mysql.value("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = '" + finalized.get("old_table") + "'"), "nothing is left under the old name");

        String refusal = refusedRevert(migration);
        assertTrue(refusal.contains("revert refused: the revert window closed at") && refusal.contains("finalized"),
                "the refusal says the window closed: " + refusal);
        assertEquals("finalized", pipeline.row(migration).get("state"), "nothing changes");
    }

    /**
     * Cut-over, revert and re-apply under a live writer, comparing the live table with the
     * writer's model after each swap. With {@code ages} set, the test writes the added column
     * while the new schema is live and expects those values back after the re-apply.
     */
    private void swapThreeTimes(String table, String change, List<String> written,
                                UnaryOperator<Map<String, String>> forward, Map<Long, String> ages) throws Exception {
        TestTables.createItems(mysql, db, table, 20_000);
        String qualified = "`" + db + "`.`" + table + "`";
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, written, RATE)) {
            long requested = System.currentTimeMillis();
            String migration = pipeline.migrate("ALTER TABLE " + qualified + " " + change, "complete", Map.of());
            swap(writer, migration, "complete", table, forward, requested);
            if (ages != null) {
                writer.pause();
                mysql.execute("UPDATE " + qualified + " SET age = 40 + id % 50 WHERE id % 100 = 1");
                for (String id : mysql.column("SELECT id FROM " + qualified + " WHERE id % 100 = 1")) {
                    ages.put(Long.parseLong(id), Long.toString(40 + Long.parseLong(id) % 50));
                }
                writer.resume();
            }
            requested = System.currentTimeMillis();
            pipeline.target(migration, "reverted");
            swap(writer, migration, "reverted", table, UnaryOperator.identity(), requested);
            requested = System.currentTimeMillis();
            pipeline.target(migration, "complete");
            swap(writer, migration, "complete", table, forward, requested);
        }
    }

    /**
     * Waits for the swap, lets the writer go on, then pauses it to compare the table with its model
     * exactly. The stall is looked for from the request on (swaps follow each other within seconds,
     * so an earlier window would report the previous swap's stall again).
     */
    private void swap(TableModelWriter writer, String migration, String state, String table,
                      UnaryOperator<Map<String, String>> projection, long requestedMillis) throws Exception {
        Map<String, String> row = pipeline.awaitState(migration, state, Duration.ofMinutes(3));
        long at = ModelCheck.epochMillis(row.get("cutover_at"));
        long mark = writer.statements();
        Poll.until(Duration.ofSeconds(30), "the writer goes on after the swap", () -> writer.statements() > mark + 50);
        System.out.printf("%s → %s: longest writer stall around the swap %.1f ms; %,d ms from the request to the swap%n",
                table, state, writer.longestStallMillis(Math.max(at - 6_000, requestedMillis), at + 1_000),
                at - requestedMillis);
        writer.pause();
        ModelCheck.assertNoDifference(mysql, db, table, writer.model(), projection, "after " + state);
        writer.resume();
    }

    /**
     * The coordinator's validate() refuses the revert (docs/ARCHITECTURE.md step 8), so Connect
     * rejects the PUT with the reason and the connector keeps its target; returns the REST error.
     */
    private String refusedRevert(String migration) {
        return assertThrows(ConnectRestException.class, () -> pipeline.target(migration, "reverted")).getMessage();
    }

    private Map<String, String> rowQuietly(String migration) {
        try {
            return pipeline.row(migration);
        }
        catch (SQLException e) {
            return Map.of("error", e.getMessage());
        }
    }
}
