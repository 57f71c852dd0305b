package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestTables;

/**
 * The copy's throttle on the real server: paused by the operator's option and resumed by it, held
 * while the server's Threads_running is over its limit (tripped by sessions of the test's own
 * sleeping in {@code SELECT SLEEP}) and resumed when they end; each copy then complete, the shadow
 * equal to the table. And the replicas' option checked at validate time.
 */
class ThrottleIT extends PipelineTest {
    private static final int ROWS = 20_000;
    /**
     * The Threads_running limit above what the shared server runs without the test (its highest
     * of a few samples), and the sleeping sessions above the limit: other work on the server
     * comes and goes, and must neither trip the throttle nor keep it tripped.
     */
    private static final int LIMIT_ABOVE_BASELINE = 10;
    private static final int SLEEPERS_ABOVE_LIMIT = 10;

    @Override
    protected String databasePrefix() {
        return "throttle";
    }

    @Test
    void anOperatorsPauseHoldsTheCopyUntilItIsLifted() throws Exception {
        TestTables.createItems(mysql, db, "t_pause", ROWS);
        Map<String, String> options = Map.of("migration.throttle.paused", "true", "migration.throttle.check.ms", "200",
                "migration.throttle.min.pause.ms", "0");
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`t_pause` MODIFY COLUMN name VARCHAR(200) NULL",
                "ready", options);
        awaitStage(migration, "copy throttled: paused by the operator (migration.throttle.paused=true)");
        String shadow = pipeline.row(migration).get("shadow_table");
        long until = System.nanoTime() + Duration.ofSeconds(3).toNanos();
        while (System.nanoTime() < until) { // held throughout: each look finds nothing copied
            Map<String, String> row = pipeline.row(migration);
            assertEquals("running", row.get("state"));
            assertEquals("0", row.get("rows_copied"), "rows copied while paused: " + row);
            assertEquals(0, mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.`" + shadow + "`"));
            Thread.sleep(100); // paces the looks; nothing waits on it
        }
        pipeline.configure(migration, Map.of("migration.throttle.paused", "false"));
        Map<String, String> ready = pipeline.awaitState(migration, "ready", Duration.ofSeconds(60));
        assertEquals(String.valueOf(ROWS), ready.get("rows_copied"));
        assertEquals(0, differingRows("t_pause", shadow), "rows of the shadow differing from the table");
    }

    @Test
    void aBusyServerHoldsTheCopyUntilItsThreadsEnd() throws Exception {
        TestTables.createItems(mysql, db, "t_busy", ROWS);
        long limit = baselineThreadsRunning() + LIMIT_ABOVE_BASELINE;
        int count = (int) limit + SLEEPERS_ABOVE_LIMIT;
        ExecutorService sleepers = Executors.newFixedThreadPool(count);
        List<Connection> sessions = new ArrayList<>();
        String migration;
        String shadow;
        try {
            for (int i = 0; i < count; i++) {
                Connection c = mysql.connect();
                sessions.add(c);
                sleepers.submit(() -> {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT SLEEP(60)");
                    }
                    return null;
                });
            }
            Poll.until(Duration.ofSeconds(20), "the sleeping sessions run", () -> threadsRunning() >= count);
            migration = pipeline.migrate("ALTER TABLE `" + db + "`.`t_busy` MODIFY COLUMN name VARCHAR(200) NULL",
                    "ready", Map.of("migration.throttle.threads.running", String.valueOf(limit),
                            "migration.throttle.check.ms", "200", "migration.throttle.min.pause.ms", "500"));
            Map<String, String> held = awaitStage(migration, "copy throttled: Threads_running ");
            assertTrue(held.get("stage").matches("copy throttled: Threads_running \\d+ > " + limit
                    + " \\(for \\d+\\.\\d s\\).*"), held.get("stage"));
            shadow = held.get("shadow_table");
            assertTrue(Long.parseLong(held.get("rows_copied")) < ROWS, "held before the end: " + held);
        }
        finally {
            for (Connection c : sessions) {
                killQuietly(c);
            }
            sleepers.shutdownNow();
        }
        Map<String, String> ready = pipeline.awaitState(migration, "ready", Duration.ofSeconds(60));
        assertEquals(String.valueOf(ROWS), ready.get("rows_copied"));
        assertTrue(!ready.get("stage").contains("throttled"), "the stage is back to normal: " + ready.get("stage"));
        assertEquals(0, differingRows("t_busy", shadow), "rows of the shadow differing from the table");
    }

    @Test
    void replicasAreReadAtValidateTime() {
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", "dev.twoway.coordinator.TwowayMigrationConnector");
        config.put("name", "throttle-validate");
        config.put("migration.ddl", "ALTER TABLE `" + db + "`.`nosuch` ADD COLUMN b INT");
        config.put("migration.throttle.replicas", "jdbc:mysql://" + mysql.host() + ":" + mysql.port() + "/");
        assertEquals(List.of(), errors(config, "migration.throttle.replicas"),
                "the sandbox has no applier: a replica with no lag");
        config.put("migration.throttle.replicas", "jdbc:mysql://127.0.0.1:1/");
        List<String> unreachable = errors(config, "migration.throttle.replicas");
        assertEquals(1, unreachable.size(), unreachable.toString());
        assertTrue(unreachable.get(0).startsWith("cannot read the replication lag of replica jdbc:mysql://127.0.0.1:1/ as "
                + mysql.user() + ": Communications link failure"), unreachable.get(0));
        config.put("migration.throttle.replicas", "mysql://replica1:3306/");
        List<String> malformed = errors(config, "migration.throttle.replicas");
        assertTrue(malformed.size() == 1 && malformed.get(0).contains("not a MySQL JDBC URL with a host"),
                malformed.toString());
    }

    private long threadsRunning() throws SQLException {
        return mysql.longValue("SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE VARIABLE_NAME = "
                + "'Threads_running'");
    }

    /** The highest of 20 samples of Threads_running, 100 ms apart. */
    private long baselineThreadsRunning() throws Exception {
        long highest = 0;
        for (int i = 0; i < 20; i++) {
            highest = Math.max(highest, threadsRunning());
            Thread.sleep(100); // the sampling period; nothing waits on it
        }
        return highest;
    }

    private Map<String, String> awaitStage(String migration, String prefix) {
        Poll.until(Duration.ofSeconds(60), () -> migration + "'s stage starts with '" + prefix + "'; row: "
                + pipeline.rowQuietly(migration), () -> {
                    Map<String, String> row = pipeline.row(migration);
                    pipeline.assertRunning();
                    assertTrue(!"failed".equals(row.get("state")), "failed: " + row.get("message"));
                    return row.getOrDefault("stage", "").startsWith(prefix);
                });
        return pipeline.rowQuietly(migration);
    }

    /** Rows of the table missing from the shadow or differing there, and rows only the shadow has: read from both. */
    private long differingRows(String table, String shadow) throws SQLException {
        String t = "`" + db + "`.`" + table + "`";
        String s = "`" + db + "`.`" + shadow + "`";
        String same = "a.k <=> b.k AND a.name <=> b.name AND a.title <=> b.title AND a.c <=> b.c AND a.pad <=> b.pad";
        return mysql.longValue("SELECT COUNT(*) FROM " + t + " a LEFT JOIN " + s + " b ON b.id = a.id WHERE b.id IS NULL "
                + "OR NOT (" + same + ")") + mysql.longValue("SELECT COUNT(*) FROM " + s + " b LEFT JOIN " + t
                + " a ON a.id = b.id WHERE a.id IS NULL");
    }

    private static List<String> errors(Map<String, String> config, String option) {
        ConfigInfos infos = TestConnect.cluster().validateConnectorConfig("dev.twoway.coordinator.TwowayMigrationConnector",
                config);
        return infos.configs().stream().filter(i -> i.configValue().name().equals(option)).findFirst().orElseThrow()
                .configValue().errors();
    }

    private void killQuietly(Connection c) {
        try {
            try (Connection k = mysql.connect(); Statement s = k.createStatement()) {
                s.execute("KILL QUERY " + ((com.mysql.cj.jdbc.JdbcConnection) c).getSession().getThreadId());
            }
            c.close();
        }
        catch (SQLException | RuntimeException ignored) {
            // the session ends with the test either way
        }
    }
}
