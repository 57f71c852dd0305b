package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestTables;

/**
 * A migration id used before whose state row was deleted: what the earlier run left (markers,
 * copy ranges, a shadow table, the sink's route) must not steer the new one. Before the
 * cut-over the new run starts clean; after one, it is refused with the reason and nothing is
 * touched.
 */
class ReusedMigrationIdIT extends PipelineTest {
    private static final Duration WAIT = Duration.ofMinutes(2);

    @Override
    protected String databasePrefix() {
        return "reused";
    }

    /**
     * {@code writtenBetween}: a change of the table between the runs makes the sink meet the route
     * whose row is gone (it ends it); without one, the route is still live when the new run starts,
     * which stops it with a stop marker before dropping the old shadow.
     */
    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aMigrationRecreatedAfterItsRowWasDeletedStartsCleanAndCopiesAgain(boolean writtenBetween) throws Exception {
        String table = "t_clean_" + writtenBetween;
        TestTables.createItems(mysql, db, table, 3_000);
        pipeline.awaitSettled(table);
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "ready", Map.of());
        Map<String, String> first = pipeline.awaitState(migration, "ready", WAIT);
        assertTrue(Long.parseLong(mysql.value("SELECT COUNT(*) FROM `_twoway`.`markers` WHERE migration_id = '"
                + migration + "'")) > 0, "the first run left markers");

        pipeline.delete(migration);
        mysql.execute("DELETE FROM `_twoway`.`migrations` WHERE migration_id = '" + migration + "'");
        if (writtenBetween) {
            mysql.execute("UPDATE `" + db + "`.`" + table + "` SET name = 'changed between runs' WHERE id = 7");
        }

        pipeline.redeploy(migration);
        Map<String, String> second = pipeline.awaitState(migration, "ready", WAIT);
        assertEquals(first.get("shadow_table"), second.get("shadow_table"));
        assertEquals("3000", second.get("rows_copied"), "the second run copied every row itself");
        Poll.until(Duration.ofSeconds(30), "the shadow equals the table without title", () ->
                projected(table).equals(rows(second.get("shadow_table"))));
        assertEquals(List.of("PRIMARY", "k_idx"), mysql.column("SELECT INDEX_NAME FROM information_schema.STATISTICS "
                + "WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = '" + second.get("shadow_table")
                + "' GROUP BY INDEX_NAME ORDER BY INDEX_NAME = 'PRIMARY' DESC, INDEX_NAME"),
                "the deferred index is built again");
        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", WAIT);
        assertEquals(List.of("id", "k", "name", "c", "pad"), columns(table));
        assertTrue(TestConnect.describe(pipeline.sinkName()).contains("task 0 RUNNING"), "the sink went on throughout");
    }

    @Test
    void aMigrationRecreatedAfterItsCutoverIsRefusedAndTouchesNothing() throws Exception {
        String table = "t_swapped";
        TestTables.createItems(mysql, db, table, 500);
        pipeline.awaitSettled(table);
        // A statement that applies again to its own result, so MySQL alone would not refuse the new run.
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` MODIFY COLUMN name VARCHAR(100) NULL",
                "complete", Map.of());
        Map<String, String> first = pipeline.awaitState(migration, "complete", WAIT);
        pipeline.delete(migration);
        mysql.execute("DELETE FROM `_twoway`.`migrations` WHERE migration_id = '" + migration + "'");
        List<String> tables = tables();
        String live = checksum(table);
        String old = checksum(first.get("old_table"));

        pipeline.redeploy(migration);
        Map<String, String> row = pipeline.awaitState(migration, "failed", WAIT);
        assertTrue(row.get("message").contains("was used before") && row.get("message").contains("cut over")
                && row.get("message").contains(first.get("old_table")), row.get("message"));
        assertEquals(tables, tables(), "no table created, dropped or renamed");
        assertEquals(live, checksum(table), "the live table is untouched");
        assertEquals(old, checksum(first.get("old_table")), "the old table is untouched");
    }

    private List<String> projected(String table) throws SQLException {
        return mysql.column("SELECT CONCAT_WS('|', id, k, name, c, pad) FROM `" + db + "`.`" + table + "` ORDER BY id");
    }

    private List<String> rows(String shadow) throws SQLException {
        return mysql.column("SELECT CONCAT_WS('|', id, k, name, c, pad) FROM `" + db + "`.`" + shadow + "` ORDER BY id");
    }

    private List<String> columns(String table) throws SQLException {
        return mysql.column("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION");
    }

    private List<String> tables() throws SQLException {
        return mysql.column("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' ORDER BY TABLE_NAME");
    }

    private String checksum(String table) throws SQLException {
        try (var c = mysql.connect(); var s = c.createStatement();
             var rs = s.executeQuery("CHECKSUM TABLE `" + db + "`.`" + table + "`")) {
            rs.next();
            return rs.getString(2);
        }
    }
}
