package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.SourceDeployment;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;
import dev.twoway.it.support.TestTables;

/**
 * A source that is RUNNING but not streaming is seen: its task fails with the reason (the
 * connector's status), and the state row of every migration waiting on it says so within
 * seconds. A migration of a table no running source would stream is refused by validate.
 */
class SourceHealthIT {
    private static final Duration VISIBLE = Duration.ofSeconds(20);
    private static final Duration WAIT = Duration.ofMinutes(2);

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;
    private String other;
    private MigrationPipeline pipeline;
    private SourceDeployment source;

    @BeforeEach
    void createDatabases() throws SQLException {
        db = mysql.createDatabase("health");
        other = mysql.createDatabase("health_other");
    }

    @AfterEach
    void stopEverything() throws SQLException {
        if (pipeline != null) {
            pipeline.close();
        }
        if (source != null) {
            source.close();
        }
        mysql.execute("DROP DATABASE IF EXISTS `" + other + "`", "DROP DATABASE IF EXISTS `" + db + "`");
    }

    /**
     * A table statement must be parsed, and one with a string literal of 20,000 characters still
     * overflows Debezium 3.6.1's DDL normalizer on a 1 MB stack: its reader thread dies and the task
     * would stay RUNNING. Measures the time from that statement to the failed task and to the
     * migration's row naming it (printed for the report).
     */
    @Test
    void aSourceWhoseBinlogReaderDiesFailsWithTheReasonAndTheWaitingMigrationSaysSo() throws Exception {
        pipeline = MigrationPipeline.start(mysql, db);
        TestTables.createItems(mysql, db, "items", 1_000);
        pipeline.awaitSettled("items");
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`items` ADD COLUMN note INT NULL", "ready", Map.of());
        pipeline.awaitState(migration, "ready", WAIT);

        long fault = System.nanoTime();
        mysql.execute("CREATE TABLE `" + other + "`.`notes` (id INT PRIMARY KEY, body VARCHAR(30000) CHARACTER SET latin1 "
                + "DEFAULT '" + "n".repeat(20_000) + "')");

        AtomicReference<String> trace = new AtomicReference<>();
        Poll.until(VISIBLE, () -> "the source task fails: " + TestConnect.describe(pipeline.sourceName()), () -> {
            ConnectorStateInfo status = TestConnect.cluster().connectorStatus(pipeline.sourceName());
            trace.set(status.tasks().get(0).trace());
            return "FAILED".equals(status.tasks().get(0).state());
        });
        long failedMs = (System.nanoTime() - fault) / 1_000_000;
        assertTrue(trace.get().contains("the source is not streaming: Debezium's binlog reader stopped at binlog."),
                trace.get());
        assertTrue(trace.get().contains("The event it stopped at: Query at ") && trace.get().contains("CREATE TABLE `"
                + other + "`.`notes`"), "names the statement: " + trace.get());

        Poll.until(VISIBLE, () -> "the migration's row names the source: " + pipeline.rowQuietly(migration), () -> {
            String message = pipeline.row(migration).get("message");
            return message != null && message.startsWith("stream: source " + pipeline.sourceName() + ", which captures "
                    + db + ".items, is failed: the source is not streaming");
        });
        long rowMs = (System.nanoTime() - fault) / 1_000_000;
        System.out.printf("SourceHealthIT figures: fault to FAILED task %d ms, fault to state row message %d ms%n",
                failedMs, rowMs);
        assertEquals("failed", mysql.value("SELECT state FROM `_twoway`.`sources` WHERE connector = '"
                + pipeline.sourceName() + "'"));
        assertEquals("ready", pipeline.row(migration).get("state"), "the migration waits, it is not failed");

        // A restart reads the same statement again: its reader dies at once, and is seen again.
        TestConnect.cluster().restartConnectorAndTasks(pipeline.sourceName(), false, true, false);
        Poll.until(VISIBLE, () -> "the restarted task fails again: " + TestConnect.describe(pipeline.sourceName()), () -> {
            ConnectorStateInfo status = TestConnect.cluster().connectorStatus(pipeline.sourceName());
            return "FAILED".equals(status.tasks().get(0).state())
                    && status.tasks().get(0).trace().contains("the source is not streaming");
        });
    }

    @Test
    void validateRefusesATableNoRunningSourceCaptures() throws Exception {
        pipeline = MigrationPipeline.start(mysql, db, "kept");
        mysql.execute("CREATE TABLE `" + db + "`.`kept` (id INT PRIMARY KEY)", "CREATE TABLE `" + db + "`.`left_out` (id INT PRIMARY KEY)",
                "CREATE TABLE `" + other + "`.`elsewhere` (id INT PRIMARY KEY)");
        Poll.until(VISIBLE, "the source registered streaming", () -> "streaming".equals(mysql.value(
                "SELECT state FROM `_twoway`.`sources` WHERE connector = '" + pipeline.sourceName() + "'")));

        for (String table : List.of("`" + db + "`.`left_out`", "`" + other + "`.`elsewhere`")) {
            List<String> errors = ddlErrors("ALTER TABLE " + table + " ADD COLUMN x INT");
            assertEquals(1, errors.size(), table + ": " + errors);
            assertTrue(errors.get(0).startsWith("no running source connector captures " + table.replace("`", ""))
                    && errors.get(0).contains(pipeline.sourceName() + " (database.include.list=" + db + ",_twoway, "
                    + "table.include.list=" + db + "\\.kept"), errors.get(0));
        }
        assertEquals(List.of(), ddlErrors("ALTER TABLE `" + db + "`.`kept` ADD COLUMN x INT"), "a captured table");
    }

    @Test
    void validateRefusesATableWhoseTopicAnotherTableShares() throws Exception {
        pipeline = MigrationPipeline.start(mysql, db);
        mysql.execute("CREATE TABLE `" + db + "`.`order items` (id INT PRIMARY KEY)",
                "CREATE TABLE `" + db + "`.`order_items` (id INT PRIMARY KEY)");

        List<String> errors = ddlErrors("ALTER TABLE `" + db + "`.`order items` ADD COLUMN x INT");

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("the changes of " + db + ".order items and " + db + ".order_items go to one topic, "
                + pipeline.topic("order items")), errors.get(0));
    }

    /**
     * A marker the source could not route (it records it in marker_errors and drops it) fails its
     * migration before the cut-over. The row is written here as the source writes it: a marker no
     * naming can refuse is hard to make, and the source side is MarkerRouter's and the task's.
     */
    @Test
    void aMarkerTheSourceCouldNotRouteFailsItsMigration() throws Exception {
        pipeline = MigrationPipeline.start(mysql, db);
        TestTables.createItems(mysql, db, "items", 1_000);
        pipeline.awaitSettled("items");
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`items` ADD COLUMN note INT NULL", "ready", Map.of());
        pipeline.awaitState(migration, "ready", WAIT);

        mysql.execute("INSERT INTO `_twoway`.`marker_errors` (marker_id, connector, migration_id, message) VALUES (-1, '"
                + pipeline.sourceName() + "', '" + migration + "', 'marker -1 of migration ''" + migration
                + "'' cannot be routed to its table''s topic: no topic')");

        Map<String, String> failed = pipeline.awaitState(migration, "failed", VISIBLE);
        assertTrue(failed.get("message").startsWith("a marker of this migration cannot reach the sink: source "
                + pipeline.sourceName() + ": marker -1 of migration"), failed.get("message"));
        assertEquals(null, mysql.value("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = '" + failed.get("shadow_table") + "'"), "the shadow is dropped");
    }

    @Test
    void aSourceDeletedWhileAMigrationWaitsIsNamedInItsRowUntilItIsBack() throws Exception {
        pipeline = MigrationPipeline.start(mysql, db);
        TestTables.createItems(mysql, db, "items", 1_000);
        pipeline.awaitSettled("items");
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`items` ADD COLUMN note INT NULL", "ready", Map.of());
        pipeline.awaitState(migration, "ready", WAIT);

        long deleted = System.nanoTime();
        pipeline.stopSource();
        Poll.until(VISIBLE, () -> "the row says the source stopped: " + pipeline.rowQuietly(migration), () -> String.valueOf(
                pipeline.row(migration).get("message")).startsWith("stream: source " + pipeline.sourceName()
                + ", which captures " + db + ".items, is stopped: the task was stopped"));
        System.out.printf("SourceHealthIT figures: source deleted to state row message %d ms%n",
                (System.nanoTime() - deleted) / 1_000_000);

        pipeline.startSource();
        Poll.until(VISIBLE, () -> "the notice goes once it streams again: " + pipeline.rowQuietly(migration),
                () -> pipeline.row(migration).get("message") == null);
        assertEquals("ready", pipeline.row(migration).get("state"));
    }

    /** Issue 10, defect 10, the other half: the table a source skips for want of its schema is never migrated. */
    @Test
    void aTableWhoseSchemaTheCapturingSourceNeverRecordedIsRefused() throws Exception {
        mysql.execute("CREATE TABLE `" + other + "`.`child` (id INT PRIMARY KEY, note VARCHAR(20))");
        source = SourceDeployment.start(mysql, db, Map.of());
        source.reconfigure(Map.of("database.include.list", db + "," + other));
        // Until the source has read well past the table's creation, a table missing from its list may be on its way.
        String readPast = "SELECT CONCAT_WS(' | ', s.state, s.read_through, t.CREATE_TIME, s.known_tables IS NOT NULL, "
                + "s.read_through > t.CREATE_TIME + INTERVAL 3 SECOND) FROM `_twoway`.`sources` s, information_schema.TABLES t "
                + "WHERE s.connector = '" + source.name() + "' AND t.TABLE_SCHEMA = '" + other + "' AND t.TABLE_NAME = 'child'";
        Poll.until(VISIBLE, () -> "the source streams, lists its tables and has read past the table's creation: "
                + quietlyInUtc(readPast), () -> String.valueOf(inUtc(readPast)).matches("streaming \\|.*\\| 1 \\| 1"));

        List<String> errors = ddlErrors("ALTER TABLE `" + other + "`.`child` ADD COLUMN x INT");

        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).startsWith("source " + source.name() + " captures " + other + ".child but has no schema for it"),
                errors.get(0));
    }

    /** The sidecar's times are UTC; information_schema's follow the session, so the session is made UTC too. */
    private String inUtc(String sql) throws SQLException {
        try (var c = mysql.connect(); var s = c.createStatement()) {
            s.execute("SET time_zone = '+00:00'");
            try (var rs = s.executeQuery(sql)) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    private String quietlyInUtc(String sql) {
        try {
            return inUtc(sql);
        }
        catch (SQLException e) {
            return "(" + e.getMessage() + ")";
        }
    }

    private List<String> ddlErrors(String ddl) {
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", MigrationPipeline.COORDINATOR);
        config.put("name", "health-validate");
        config.put("migration.ddl", ddl);
        config.put("migration.target", "complete");
        ConfigInfos infos = TestConnect.cluster().validateConnectorConfig(MigrationPipeline.COORDINATOR, config);
        return infos.configs().stream().map(ConfigInfo::configValue).filter(v -> v.name().equals("migration.ddl"))
                .findFirst().orElseThrow().errors();
    }
}
