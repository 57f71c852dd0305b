package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.ModelCheck;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestTables;

/**
 * Forward online schema changes end to end: a 100,000-row table, a writer issuing about 200
 * mixed statements per second throughout (the cut-over included) and keeping its own model;
 * after the cut-over the new table must equal the model, projected through the change.
 */
class ForwardMigrationIT extends PipelineTest {
    private static final int ROWS = 100_000;
    private static final int RATE = 200;
    private static final List<String> ALL = List.of("k", "name", "title", "c", "pad");

    @Override
    protected String databasePrefix() {
        return "forward";
    }

    @Test
    void dropColumnUnderLoadLosesNoWrite() throws Exception {
        migrateUnderLoad("t_drop", "DROP COLUMN title", List.of("k", "name", "c", "pad"), row -> ModelCheck.without(row, "title"));
    }

    @Test
    void addColumnWithDefaultUnderLoadLosesNoWrite() throws Exception {
        migrateUnderLoad("t_add", "ADD COLUMN age INT NOT NULL DEFAULT 7", ALL, row -> ModelCheck.with(row, "age", "7"));
    }

    /** MySQL reads the statement as a new column c: every row gets 47, none keeps its old c (issue 10, defect 6). */
    @Test
    void columnDroppedAndAddedUnderItsNameGivesEveryRowTheNewDefault() throws Exception {
        migrateUnderLoad("t_readd", "DROP COLUMN c, ADD COLUMN c INT NOT NULL DEFAULT 47", List.of("k", "name", "title", "pad"),
                row -> ModelCheck.with(row, "c", "47"));
    }

    @Test
    void modifyToWiderTypeUnderLoadLosesNoWrite() throws Exception {
        migrateUnderLoad("t_modify", "MODIFY COLUMN name VARCHAR(200) NULL", ALL, UnaryOperator.identity());
    }

    @Test
    void renameColumnUnderLoadLosesNoWrite() throws Exception {
        migrateUnderLoad("t_rename", "RENAME COLUMN k TO kind", List.of("name", "title", "c", "pad"),
                row -> ModelCheck.renamed(row, "k", "kind"));
    }

    @Test
    void addIndexUnderLoadLosesNoWrite() throws Exception {
        migrateUnderLoad("t_index", "ADD INDEX name_idx (name)", ALL, UnaryOperator.identity());
    }

    @Test
    void readyTargetKeepsTheShadowInSyncWithoutCuttingOverUntilComplete() throws Exception {
        String table = "t_ready";
        TestTables.createItems(mysql, db, table, 20_000);
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, List.of("k", "name", "c", "pad"), RATE)) {
            String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "ready", Map.of());
            Map<String, String> ready = pipeline.awaitState(migration, "ready", Duration.ofMinutes(2));
            long mark = writer.statements();
            Poll.until(Duration.ofSeconds(30), "the writer goes on while ready", () -> writer.statements() > mark + 400);
            assertEquals("ready", pipeline.row(migration).get("state"), "still ready: no cut-over without complete");
            assertEquals("1", mysql.value("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                    + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'title'"), "the original table is untouched");
            writer.close();
            String shadow = ready.get("shadow_table");
            Poll.until(Duration.ofSeconds(60), "the shadow catches up with the writer's model", () ->
                    differences(writer.model(), shadow, row -> ModelCheck.without(row, "title")).isEmpty());
            pipeline.target(migration, "complete");
            pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
            assertNoDifference(writer.model(), table, row -> ModelCheck.without(row, "title"));
        }
    }

    @Test
    void restartingSinkAndCoordinatorMidCopyLosesNoWrite() throws Exception {
        String table = "t_restart";
        TestTables.createItems(mysql, db, table, 300_000);
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, List.of("k", "name", "c", "pad"), RATE)) {
            String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "complete",
                    Map.of("migration.copy.chunk.rows", "1000"));
            Poll.until(Duration.ofMinutes(2), "the copy starts", () -> {
                Map<String, String> row = pipeline.row(migration);
                return Long.parseLong(row.getOrDefault("rows_copied", "0")) > 0;
            });
            Map<String, String> midCopy = pipeline.row(migration);
            TestConnect.cluster().restartTask(pipeline.sinkName(), 0);
            TestConnect.cluster().restartTask(migration, 0);
            System.out.printf("restarted sink and coordinator tasks at %s of %s rows copied (state %s)%n",
                    midCopy.get("rows_copied"), midCopy.get("rows_total"), midCopy.get("state"));
            assertEquals("running", midCopy.get("state"), "the restart happened mid-copy");
            pipeline.awaitState(migration, "complete", Duration.ofMinutes(4));
            writer.close();
            assertNoDifference(writer.model(), table, row -> ModelCheck.without(row, "title"));
        }
    }

    private void migrateUnderLoad(String table, String change, List<String> written,
                                  UnaryOperator<Map<String, String>> projection) throws Exception {
        TestTables.createItems(mysql, db, table, ROWS);
        Map<String, String> row;
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, written, RATE)) {
            String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` " + change, "complete", Map.of());
            row = pipeline.awaitState(migration, "complete", Duration.ofMinutes(4));
            long cutover = ModelCheck.epochMillis(row.get("cutover_at"));
            long mark = writer.statements();
            Poll.until(Duration.ofSeconds(30), "the writer goes on after the cut-over", () -> writer.statements() > mark + 50);
            writer.close();
            System.out.printf("%s: %s — rows copied %s, writer statements %d, longest stall around the cut-over %.1f ms "
                            + "(whole run %.1f ms)%n", table, change, row.get("rows_copied"), writer.statements(),
                    writer.longestStallMillis(cutover - 6_000, cutover + 1_000), writer.longestStallMillis());
            assertNoDifference(writer.model(), table, projection);
        }
        assertTrue(row.get("freeze_offset") != null && row.get("freeze_gtid") != null, "freeze point recorded: " + row);
        assertEquals(definitionAfter(row.get("old_table"), change), definition(table),
                "the live table is the old one with the change applied: columns and every index (secondary ones "
                        + "are built after the copy)");
    }

    /** What {@code change} makes of the old table's definition: applied to a scratch copy of it. */
    private String definitionAfter(String oldTable, String change) throws SQLException {
        String scratch = "scratch_" + oldTable.hashCode();
        mysql.execute("DROP TABLE IF EXISTS `" + db + "`.`" + scratch + "`",
                "CREATE TABLE `" + db + "`.`" + scratch + "` LIKE `" + db + "`.`" + oldTable + "`",
                "ALTER TABLE `" + db + "`.`" + scratch + "` " + change);
        try {
            return definition(scratch);
        }
        finally {
            mysql.execute("DROP TABLE `" + db + "`.`" + scratch + "`");
        }
    }

    /** {@code SHOW CREATE TABLE} without the table's name and its auto-increment counter. */
    private String definition(String table) throws SQLException {
        try (var c = mysql.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SHOW CREATE TABLE `" + db + "`.`" + table + "`")) {
            rs.next();
            return rs.getString(2).replaceFirst("CREATE TABLE `[^`]+`", "CREATE TABLE").replaceAll(" AUTO_INCREMENT=\\d+", "");
        }
    }

    private void assertNoDifference(Map<Long, Map<String, String>> model, String table,
                                    UnaryOperator<Map<String, String>> projection) throws SQLException {
        ModelCheck.assertNoDifference(mysql, db, table, model, projection, "after the cut-over");
    }

    private List<String> differences(Map<Long, Map<String, String>> model, String table,
                                     UnaryOperator<Map<String, String>> projection) throws SQLException {
        return ModelCheck.differences(mysql, db, table, model, projection);
    }
}
