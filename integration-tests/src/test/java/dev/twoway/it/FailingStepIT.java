package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.MigrationConfig;
import dev.twoway.coordinator.reconcile.Reconciler;
import dev.twoway.core.state.SidecarSchema;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableFingerprints;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * A step that keeps failing (here: the copy, after someone dropped the shadow under it): its
 * error is in the state row before the first wait, the waits grow and are bounded, and after
 * migration.step.retries attempts the migration fails, its shadow dropped and the sink stopped by
 * a stop marker, the table untouched, the task FAILED with the reason. No source or sink: the test
 * marks the start marker reached, as a sink would.
 */
class FailingStepIT {
    private static final Duration WAIT = Duration.ofSeconds(60);

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;
    private String sidecar;
    private final List<String> deployed = new ArrayList<>();

    @BeforeEach
    void createDatabases() throws SQLException {
        db = mysql.createDatabase("failstep");
        sidecar = mysql.createDatabase("failstep_sidecar");
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, sidecar);
        }
        mysql.execute("CREATE TABLE `" + db + "`.`items` (id BIGINT PRIMARY KEY, name VARCHAR(32), title VARCHAR(32))",
                "INSERT INTO `" + db + "`.`items` VALUES (1, 'a', 'x'), (2, 'b', NULL), (3, 'c', 'z')");
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        deployed.forEach(TestConnect::deleteQuietly);
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
    }

    /** What the row said when the reconciler began a wait. */
    private record Wait(long ms, String stage, String message) {
    }

    @Test
    void aFailingStepIsInTheRowBeforeEachWaitTheWaitsDoubleAndTheLastAttemptFailsTheMigration() throws Exception {
        String id = "failstep-seam";
        Map<String, String> checksum = checksum();
        List<Wait> backoffs = new ArrayList<>();
        Reconciler reconciler = new Reconciler(new MigrationConfig(config(id, Map.of("migration.step.retries", "4",
                "migration.step.backoff.ms", "300", "migration.step.backoff.max.ms", "1000"))), id, new AuditSignal(),
                ms -> recordBackoff(id, ms, backoffs));
        Thread thread = new Thread(reconciler, "failstep-reconciler");
        thread.start();
        try {
            breakTheCopy(id);
            thread.join(WAIT.toMillis());
            assertTrue(!thread.isAlive(), "the reconciler ended after its last attempt");
            assertEquals(List.of(300L, 600L, 1_000L), backoffs.stream().map(Wait::ms).toList(), "waits: " + backoffs);
            for (int i = 0; i < backoffs.size(); i++) {
                Wait wait = backoffs.get(i);
                assertEquals("running: copy failed, attempt " + (i + 1) + " of 4; retrying in " + wait.ms() + " ms",
                        wait.stage());
                assertTrue(wait.message().startsWith("copy failed: Table '" + db + ".items_tw")
                        && wait.message().contains("doesn't exist (MySQL error 1146"), wait.message());
            }
            assertTrue(reconciler.failure().getMessage().contains("copy failed 4 times")
                    && reconciler.failure().getMessage().contains("items is untouched"), reconciler.failure().getMessage());
            assertFailedCleanly(id, checksum);
        }
        finally {
            reconciler.stop();
            thread.join(WAIT.toMillis());
        }
    }

    @Test
    void throughConnectTheErrorReachesTheRowWithinASecondAndTheTaskFailsWithTheReason() throws Exception {
        String id = "failstep-connect-" + ProcessHandle.current().pid();
        Map<String, String> config = config(id, Map.of("migration.step.retries", "3", "migration.step.backoff.ms",
                "500", "migration.step.backoff.max.ms", "30000"));
        config.put("connector.class", "dev.twoway.coordinator.TwowayMigrationConnector");
        config.put("tasks.max", "1");
        config.put("migration.audit.topic", "failstep-audit");
        Map<String, String> checksum = checksum();
        deployed.add(id);
        TestConnect.runConnector(id, config, 1);
        long faultAt = breakTheCopy(id);
        Poll.until(WAIT, () -> "the copy's error in the row: " + rowQuietly(id), () -> message(id).contains("doesn't exist"));
        long visibleAt = System.nanoTime();
        Poll.until(WAIT, () -> "the migration fails: " + rowQuietly(id), () -> "failed".equals(row(id).get("state")));
        long failedAt = System.nanoTime();
        Poll.until(WAIT, () -> "the task fails: " + TestConnect.describe(id), () -> {
            String status = TestConnect.describe(id);
            return status.contains("task 0 FAILED") && status.contains("copy failed 3 times");
        });
        System.out.printf("failing step: error in the state row %d ms after the fault; migration failed after %d ms "
                + "(3 attempts, waits 500 + 1000 ms)%n", (visibleAt - faultAt) / 1_000_000, (failedAt - faultAt) / 1_000_000);
        assertTrue(visibleAt - faultAt < 2_000_000_000L, "the error took " + (visibleAt - faultAt) / 1_000_000
                + " ms to reach the row");
        assertFailedCleanly(id, checksum);
    }

    /** Drops the shadow, then lets the copy begin as a sink reaching the start marker would; returns when. */
    private long breakTheCopy(String id) throws SQLException {
        Poll.until(WAIT, () -> id + " waits for its start marker: " + rowQuietly(id), () -> "running".equals(row(id).get("state"))
                && mysql.value("SELECT marker_id FROM `" + sidecar + "`.`markers` WHERE migration_id = '" + id
                        + "' AND kind = 'start'") != null);
        mysql.execute("DROP TABLE `" + db + "`.`" + row(id).get("shadow_table") + "`");
        long at = System.nanoTime();
        mysql.execute("UPDATE `" + sidecar + "`.`markers` SET reached_topic = 'test', reached_partition = 0, "
                + "reached_offset = 0, reached_at = CURRENT_TIMESTAMP(3) WHERE migration_id = '" + id + "'");
        return at;
    }

    private void assertFailedCleanly(String id, Map<String, String> checksum) throws SQLException {
        Map<String, String> row = row(id);
        assertEquals("failed", row.get("state"));
        assertTrue(row.get("message").startsWith("gave up: copy failed") && row.get("message").contains("doesn't exist"),
                row.get("message"));
        assertEquals(checksum, checksum(), "only the table is left, untouched");
        assertEquals("1", mysql.value("SELECT COUNT(*) FROM `" + sidecar + "`.`markers` WHERE migration_id = '" + id
                + "' AND kind = 'stop'"), "a stop marker for the sink");
    }

    private void recordBackoff(String id, long ms, List<Wait> backoffs) {
        try {
            if (ms != 200) { // the reconciler's tick, not a back-off
                Map<String, String> row = row(id);
                backoffs.add(new Wait(ms, row.get("stage"), row.get("message")));
                return;
            }
            Thread.sleep(ms);
        }
        catch (SQLException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private Map<String, String> config(String id, Map<String, String> extra) {
        Map<String, String> config = mysql.connectionConfig();
        config.put("name", id);
        config.put("twoway.database", sidecar);
        config.put("migration.ddl", "ALTER TABLE `" + db + "`.`items` DROP COLUMN title");
        config.put("migration.target", "ready");
        config.put("migration.cutover.catchup.ms", "500");
        config.putAll(extra);
        return config;
    }

    private String message(String id) throws SQLException {
        String message = row(id).get("message");
        return message == null ? "" : message;
    }

    private Map<String, String> rowQuietly(String id) {
        try {
            return row(id);
        }
        catch (SQLException e) {
            return Map.of("error", e.getMessage());
        }
    }

    private Map<String, String> row(String id) throws SQLException {
        Map<String, String> row = new HashMap<>();
        try (var c = mysql.connect(); var s = c.prepareStatement("SELECT * FROM `" + sidecar
                + "`.`migrations` WHERE migration_id = ?")) {
            s.setString(1, id);
            try (var rs = s.executeQuery()) {
                if (rs.next()) {
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                    }
                }
            }
        }
        return row;
    }

    private Map<String, String> checksum() throws SQLException {
        return TableFingerprints.of(mysql, db);
    }
}
