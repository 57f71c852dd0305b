package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.DatabaseSnapshot;
import dev.twoway.it.support.ModelCheck;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestTables;

/**
 * Deploy requests through the real pipeline (one sink task serving every member): several
 * statements copied side by side, cut over in one RENAME, reverted in one and re-applied, under a
 * live writer on each altered table; and a member that fails its validation or its copy failing
 * the whole request with every table untouched.
 */
class DeployRequestIT extends PipelineTest {
    private static final int RATE = 150;
    private static final Duration STATE = Duration.ofMinutes(4);

    @Override
    protected String databasePrefix() {
        return "deploy";
    }

    private String t(String table) {
        return "`" + db + "`.`" + table + "`";
    }

    @Test
    void alterAlterCreateAndDropCutOverInOneRenameRevertInOneAndReapplyLosingNoWrite() throws Exception {
        TestTables.createItems(mysql, db, "orders", 20_000);
        TestTables.createItems(mysql, db, "users", 20_000);
        TestTables.createItems(mysql, db, "legacy", 3_000);
        Map<Long, Map<String, String>> legacy = TableModelWriter.read(mysql, db, "legacy", "id");
        String ddl = "ALTER TABLE " + t("orders") + " DROP COLUMN title;\n"
                + "ALTER TABLE " + t("users") + " ADD COLUMN age INT NOT NULL DEFAULT 7;\n"
                + "CREATE TABLE " + t("notes") + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, k INT NULL, "
                + "name VARCHAR(64) NULL, KEY k_idx (k));\n"
                + "DROP TABLE " + t("legacy");
        UnaryOperator<Map<String, String>> ordersForward = row -> ModelCheck.without(row, "title");
        UnaryOperator<Map<String, String>> usersForward = row -> ModelCheck.with(row, "age", "7");
        try (TableModelWriter orders = TableModelWriter.start(mysql, db, "orders", List.of("k", "name", "c", "pad"), RATE);
             TableModelWriter users = TableModelWriter.start(mysql, db, "users", List.of("k", "name", "title", "c", "pad"),
                     RATE)) {
            long requested = System.currentTimeMillis();
            String request = pipeline.migrate(ddl, "complete", Map.of());
            List<Map<String, String>> members = pipeline.awaitMembers(request, 4, "complete", STATE);
            assertEquals(List.of("alter", "alter", "create", "drop"), members.stream().map(m -> m.get("kind")).toList());
            assertEquals(List.of(request + "/1", request + "/2", request + "/3", request + "/4"),
                    members.stream().map(m -> m.get("migration_id")).toList());
            assertOneSwap(members);
            stall("group cut-over", members, requested, orders, users);
            assertTables(orders, users, ordersForward, usersForward, "after the cut-over");
            assertAbsent("legacy");
            assertEquals(legacy, TableModelWriter.read(mysql, db, members.get(3).get("old_table"), "id"),
                    "the dropped table is parked with every row");
            assertEquals("0", mysql.value("SELECT COUNT(*) FROM " + t("notes")), "the created table is live, empty");

            Map<Long, Map<String, String>> notes;
            try (TableModelWriter notesWriter = TableModelWriter.start(mysql, db, "notes", List.of("k", "name"), RATE)) {
                long mark = notesWriter.statements();
                Poll.until(Duration.ofSeconds(60), "rows written to the created table",
                        () -> notesWriter.statements() > mark + 300);
                notesWriter.pause();
                notes = notesWriter.model();
            }
            assertTrue(!notes.isEmpty(), "rows were written to the created table");

            requested = System.currentTimeMillis();
            pipeline.target(request, "reverted");
            members = pipeline.awaitMembers(request, 4, "reverted", STATE);
            assertOneSwap(members);
            stall("group revert", members, requested, orders, users);
            assertTables(orders, users, UnaryOperator.identity(), UnaryOperator.identity(), "after the revert");
            assertEquals(legacy, TableModelWriter.read(mysql, db, "legacy", "id"), "the dropped table is back with all its rows");
            assertAbsent("notes");
            assertEquals(notes, TableModelWriter.read(mysql, db, members.get(2).get("shadow_table"), "id"),
                    "the created table's rows are parked");

            requested = System.currentTimeMillis();
            pipeline.target(request, "complete");
            members = pipeline.awaitMembers(request, 4, "complete", STATE);
            assertOneSwap(members);
            stall("group re-apply", members, requested, orders, users);
            assertTables(orders, users, ordersForward, usersForward, "after the re-apply");
            assertEquals(notes, TableModelWriter.read(mysql, db, "notes", "id"), "the created table's rows are back");
            assertAbsent("legacy");
        }
    }

    @Test
    void aMemberMySqlRefusesFailsTheWholeRequestBeforeAnythingIsBuilt() throws Exception {
        TestTables.createItems(mysql, db, "v_ok", 100);
        TestTables.createItems(mysql, db, "v_bad", 100);
        TestTables.createItems(mysql, db, "v_drop", 100);
        Map<String, String> before = DatabaseSnapshot.of(mysql, db);
        String request = pipeline.migrate("ALTER TABLE " + t("v_ok") + " ADD COLUMN x INT; ALTER TABLE " + t("v_bad")
                + " DROP COLUMN nosuch; CREATE TABLE " + t("v_new") + " (id INT PRIMARY KEY); DROP TABLE " + t("v_drop"),
                "complete", Map.of());

        List<Map<String, String>> members = pipeline.awaitMembers(request, 4, "failed", STATE);

        for (Map<String, String> member : members) {
            assertTrue(member.get("message").contains("statement 2 (ALTER TABLE " + db + ".v_bad): MySQL refuses the "
                    + "statement"), "every member says which statement was refused: " + member.get("message"));
        }
        assertEquals(before, DatabaseSnapshot.of(mysql, db), "no table was created, changed or dropped");
    }

    @Test
    void aMemberWhoseCopyFailsFailsTheWholeRequestAndLeavesEveryTableUntouched() throws Exception {
        TestTables.createItems(mysql, db, "c_ok", 2_000);
        TestTables.createItems(mysql, db, "c_bad", 2_000);
        TestTables.createItems(mysql, db, "c_drop", 100);
        Map<String, String> before = DatabaseSnapshot.of(mysql, db);
        String request = pipeline.migrate("ALTER TABLE " + t("c_ok") + " ADD COLUMN x INT; CREATE TABLE " + t("c_new")
                + " (id INT PRIMARY KEY); ALTER TABLE " + t("c_bad") + " MODIFY COLUMN name INT NOT NULL; DROP TABLE "
                + t("c_drop"), "complete", Map.of());

        List<Map<String, String>> members = pipeline.awaitMembers(request, 4, "failed", STATE);

        assertTrue(members.get(2).get("message").contains("MySQL refuses a value for the new schema"),
                members.get(2).get("message"));
        for (int i : List.of(0, 1, 3)) {
            assertTrue(members.get(i).get("message").startsWith("the deploy request failed: member '" + request
                    + "/3' (ALTER TABLE " + db + ".c_bad) failed: "), members.get(i).get("message"));
        }
        assertEquals(before, DatabaseSnapshot.of(mysql, db), "no table was created, changed or dropped, and every "
                + "shadow and staging table is gone");
    }

    private void assertTables(TableModelWriter orders, TableModelWriter users, UnaryOperator<Map<String, String>> o,
                              UnaryOperator<Map<String, String>> u, String when) throws Exception {
        orders.pause();
        users.pause();
        ModelCheck.assertNoDifference(mysql, db, "orders", orders.model(), o, when);
        ModelCheck.assertNoDifference(mysql, db, "users", users.model(), u, when);
        orders.resume();
        users.resume();
    }

    /** Every member swapped at one instant, from one GTID set. */
    private static void assertOneSwap(List<Map<String, String>> members) {
        assertEquals(1, members.stream().map(m -> m.get("cutover_at")).distinct().count(), "one cutover_at: " + members);
        assertEquals(1, members.stream().map(m -> m.get("freeze_gtid")).distinct().count(), "one freeze point");
    }

    private void assertAbsent(String table) throws SQLException {
        assertEquals("0", mysql.value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = '" + table + "'"), table + " is not live");
    }

    /** The writers' longest and 99th-percentile statement around the swap, printed for the report. */
    private static void stall(String swap, List<Map<String, String>> members, long requested, TableModelWriter... writers) {
        long at = ModelCheck.epochMillis(members.get(0).get("cutover_at"));
        long from = Math.max(at - 6_000, requested);
        double max = 0;
        double p99 = 0;
        for (TableModelWriter writer : writers) {
            max = Math.max(max, writer.longestStallMillis(from, at + 1_000));
            p99 = Math.max(p99, writer.latencyPercentileMillis(99, at - 1_000, at + 1_000));
        }
        System.out.printf("%s of %d members: writers' longest stall %.1f ms, p99 %.1f ms around the swap; %,d ms from "
                + "the request to the swap%n", swap, members.size(), max, p99, at - requested);
    }
}
