package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.CoordinatorUser;
import dev.twoway.it.support.ModelCheck;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestTables;

/**
 * A deploy request's coordinator restarted where it hurts most, under live writers: in the middle
 * of the members' copies (each resumes where its rows say), and while the group's lock is held
 * (its MySQL connections killed, as a crash would, then its task restarted): every member's table
 * is swapped or none is, the swap is settled from the tables, tried again, and no write is lost.
 */
class DeployRestartIT extends PipelineTest {
    private static final int RATE = 100;
    private static final Duration STATE = Duration.ofMinutes(5);
    private static final List<String> WRITTEN = List.of("k", "name", "c", "pad");

    @Override
    protected String databasePrefix() {
        return "deployrestart";
    }

    private String t(String table) {
        return "`" + db + "`.`" + table + "`";
    }

    @Test
    void aRestartInTheMiddleOfTheGroupsCopyResumesEveryMember() throws Exception {
        TestTables.createItems(mysql, db, "m_one", 150_000);
        TestTables.createItems(mysql, db, "m_two", 150_000);
        try (TableModelWriter one = TableModelWriter.start(mysql, db, "m_one", WRITTEN, RATE);
             TableModelWriter two = TableModelWriter.start(mysql, db, "m_two", WRITTEN, RATE)) {
            String request = pipeline.migrate("ALTER TABLE " + t("m_one") + " DROP COLUMN title; ALTER TABLE "
                    + t("m_two") + " ADD COLUMN age INT NULL", "complete", Map.of("migration.copy.chunk.rows", "100",
                    "migration.copy.threads", "1"));
            Poll.until(STATE, () -> "both members copying: " + pipeline.rowQuietly(request + "/1"), () -> {
                List<Map<String, String>> members = pipeline.members(request);
                return members.size() == 2 && members.stream().allMatch(m -> "running".equals(m.get("state"))
                        && Long.parseLong(m.get("rows_copied")) > 0);
            });
            TestConnect.cluster().restartTask(request, 0);

            List<Map<String, String>> members = pipeline.awaitMembers(request, 2, "complete", STATE);

            assertEquals(1, members.stream().map(m -> m.get("cutover_at")).distinct().count(), "one swap");
            one.pause();
            two.pause();
            ModelCheck.assertNoDifference(mysql, db, "m_one", one.model(), row -> ModelCheck.without(row, "title"),
                    "after the restart and the cut-over");
            ModelCheck.assertNoDifference(mysql, db, "m_two", two.model(), row -> ModelCheck.with(row, "age", null),
                    "after the restart and the cut-over");
        }
    }

    @Test
    void aCrashWhileTheGroupLockIsHeldSwapsNoTableAndTheRestartedTaskCutsOverLosingNoWrite() throws Exception {
        TestTables.createItems(mysql, db, "l_one", 5_000);
        TestTables.createItems(mysql, db, "l_two", 5_000);
        String user = "deploy_coordinator_" + ProcessHandle.current().pid();
        CoordinatorUser.create(mysql, db, user);
        try (TableModelWriter one = TableModelWriter.start(mysql, db, "l_one", WRITTEN, RATE);
             TableModelWriter two = TableModelWriter.start(mysql, db, "l_two", WRITTEN, RATE)) {
            String request = pipeline.migrate("ALTER TABLE " + t("l_one") + " DROP COLUMN title; ALTER TABLE "
                    + t("l_two") + " ADD COLUMN age INT NULL", "ready", Map.of("database.user", user, "database.password", "pw",
                    "migration.cutover.lock.timeout.ms", "30000"));
            List<Map<String, String>> members = pipeline.awaitMembers(request, 2, "ready", STATE);
            String heldShadow = members.get(0).get("shadow_table");
            try (Connection reader = mysql.connect()) {
                // An open transaction that read l_one's shadow holds its metadata lock: the RENAME
                // takes l_one (first in its order) and waits there, while l_two's holder holds l_two.
                reader.setAutoCommit(false);
                try (Statement s = reader.createStatement()) {
                    s.executeQuery("SELECT id FROM " + t(heldShadow) + " LIMIT 1").close();
                }
                pipeline.target(request, "complete");
                Poll.until(STATE, "the group's RENAME waits under the lock", () -> mysql.longValue("SELECT COUNT(*) FROM "
                        + "performance_schema.processlist WHERE USER = '" + user + "' AND STATE = 'Waiting for table "
                        + "metadata lock' AND INFO LIKE 'RENAME TABLE%'") == 1);
                assertNoneSwapped(members, "while the lock is held");

                CoordinatorUser.killConnections(mysql, user);
                TestConnect.cluster().restartTask(request, 0);
                Poll.until(Duration.ofSeconds(30), "the killed RENAME is gone", () -> mysql.longValue("SELECT COUNT(*) "
                        + "FROM performance_schema.processlist WHERE INFO LIKE 'RENAME TABLE%" + db + "%'") == 0);
                assertNoneSwapped(members, "after the crash");
                reader.rollback();
            }

            members = pipeline.awaitMembers(request, 2, "complete", STATE);

            assertEquals(1, members.stream().map(m -> m.get("cutover_at")).distinct().count(), "one swap");
            assertTrue(mysql.longValue("SELECT COUNT(*) FROM `_twoway`.`markers` WHERE migration_id LIKE '" + request
                    + "/%' AND kind = 'cutover' AND outcome = 'aborted'") >= 2, "the crashed attempt's markers are aborted");
            assertEquals("0", mysql.value("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                    + "' AND COLUMN_NAME = 'twoway_sentry'"), "no sentry is left");
            one.pause();
            two.pause();
            ModelCheck.assertNoDifference(mysql, db, "l_one", one.model(), row -> ModelCheck.without(row, "title"),
                    "after the crash and the cut-over");
            ModelCheck.assertNoDifference(mysql, db, "l_two", two.model(), row -> ModelCheck.with(row, "age", null),
                    "after the crash and the cut-over");
        }
        finally {
            mysql.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }

    /** Both members still have their shadow, so neither table was renamed: the group swapped all or nothing. */
    private void assertNoneSwapped(List<Map<String, String>> members, String when) throws SQLException {
        for (Map<String, String> member : members) {
            assertEquals("1", mysql.value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                    + "' AND TABLE_NAME = '" + member.get("shadow_table") + "'"), member.get("migration_id")
                    + "'s shadow is still there " + when);
        }
    }


}
