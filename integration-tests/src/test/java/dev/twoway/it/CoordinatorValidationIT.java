package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.twoway.core.state.SidecarSchema;
import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The coordinator alone (no source, no sink; the copy test adds them, as a copy waits for a live stream): every refusal reaches the user as a precise
 * message on migration.ddl through Connect's validate endpoint, a statement MySQL rejects ends
 * as a failed migration with MySQL's words and nothing left behind, the copy fills the
 * shadow with exactly the projected table, and a transition committed while the task does not
 * publish reaches the audit topic once a task runs again.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CoordinatorValidationIT {
    private static final String COORDINATOR = "dev.twoway.coordinator.TwowayMigrationConnector";
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;
    private final List<String> deployed = new ArrayList<>();

    @BeforeAll
    void createDatabase() throws SQLException {
        db = mysql.createDatabase("coordval");
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, SidecarSchema.DEFAULT_DATABASE);
        }
        TestConnect.cluster();
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`");
    }

    @AfterEach
    void leavesNothingBehind() throws SQLException {
        deployed.forEach(TestConnect::deleteQuietly);
        deployed.clear();
        assertEquals(List.of(), mysql.column("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + db + "' AND TABLE_NAME REGEXP '_tw[0-9a-f]{6}_'"), "twoway tables left in " + db);
        assertEquals("0", mysql.value("SELECT COUNT(*) FROM `_twoway`.`migrations` WHERE table_schema = '" + db
                + "' AND state = 'running'"), "running migrations left in " + db);
    }

    @Test
    void twoStatementsOnOneTableAreRefused() throws Exception {
        table("two", "id INT PRIMARY KEY, a INT");
        assertDdlError("ALTER TABLE " + db + ".two ADD COLUMN b INT; DROP TABLE " + db + ".two", "statement 2 drops "
                + db + ".two, which statement 1 alters");
    }

    @Test
    void aStatementOtherThanAlterCreateOrDropTableIsRefused() throws Exception {
        table("nope", "id INT PRIMARY KEY");
        assertDdlError("TRUNCATE TABLE " + db + ".nope", "takes ALTER TABLE, CREATE TABLE or DROP TABLE statements");
    }

    @Test
    void aMissingTableIsRefused() throws Exception {
        assertDdlError("ALTER TABLE " + db + ".missing ADD COLUMN b INT", "table " + db + ".missing does not exist");
    }

    @Test
    void aTableWithoutPrimaryOrNotNullUniqueKeyIsRefused() throws Exception {
        table("nokey", "id INT NULL, a INT, UNIQUE KEY (id)");
        assertDdlError("ALTER TABLE " + db + ".nokey ADD COLUMN b INT", "has no primary key and no NOT NULL unique key");
    }

    @Test
    void foreignKeysOnOrToTheTableAreRefused() throws Exception {
        table("parent", "id INT PRIMARY KEY");
        table("child", "id INT PRIMARY KEY, parent_id INT, CONSTRAINT child_parent FOREIGN KEY (parent_id) "
                + "REFERENCES " + db + ".parent (id)");
        assertDdlError("ALTER TABLE " + db + ".child ADD COLUMN b INT", "foreign keys on or to it");
        assertDdlError("ALTER TABLE " + db + ".parent ADD COLUMN b INT", "child_parent");
    }

    @Test
    void aTableHeldByAnotherMigrationIsRefused() throws Exception {
        table("held", "id INT PRIMARY KEY");
        String other = "other-" + db;
        mysql.execute("INSERT INTO `_twoway`.`migrations` (migration_id, table_schema, table_name, ddl, state, stage, "
                + "shadow_table, old_table, column_map) VALUES ('" + other + "', '" + db + "', 'held', 'ALTER TABLE "
                + db + ".held ADD COLUMN c INT', 'ready', 'ready', 'held_tw000000_new', 'held_tw000000_old', '')");
        try {
            assertDdlError("ALTER TABLE " + db + ".held ADD COLUMN b INT", "is held by migration '" + other + "'");
        }
        finally {
            mysql.execute("DELETE FROM `_twoway`.`migrations` WHERE migration_id = '" + other + "'");
        }
    }

    @Test
    void aTableWithTriggersIsRefusedNamingThemAndWhy() throws Exception {
        table("triggered", "id INT PRIMARY KEY, a INT");
        mysql.execute("CREATE TRIGGER `" + db + "`.`triggered_bi` BEFORE INSERT ON `" + db + "`.`triggered` "
                        + "FOR EACH ROW SET NEW.a = 1",
                "CREATE TRIGGER `" + db + "`.`triggered_au` AFTER UPDATE ON `" + db + "`.`triggered` "
                        + "FOR EACH ROW SET @seen = 1");
        assertDdlError("ALTER TABLE " + db + ".triggered ADD COLUMN b INT", "has triggers (triggered_au, triggered_bi), "
                + "which twoway does not carry: trigger names are unique in a database");
    }

    @Test
    void aTableOfAnotherEngineThanInnoDbIsRefused() throws Exception {
        mysql.execute("CREATE TABLE `" + db + "`.`myisam` (id INT PRIMARY KEY, a INT) ENGINE=MyISAM");
        assertDdlError("ALTER TABLE " + db + ".myisam ADD COLUMN b INT", "uses ENGINE=MyISAM; twoway carries InnoDB tables only");
    }

    @Test
    void everyRefusalOfTheTableIsReportedAtOnce() throws Exception {
        mysql.execute("CREATE TABLE `" + db + "`.`refusals` (id INT NULL, a INT, CONSTRAINT refusals_own CHECK (a > 0)) "
                + "ENGINE=MyISAM");
        mysql.execute("CREATE TRIGGER `" + db + "`.`refusals_bi` BEFORE INSERT ON `" + db + "`.`refusals` "
                + "FOR EACH ROW SET NEW.a = 1");
        List<String> errors = ddlErrors("ALTER TABLE " + db + ".refusals ADD COLUMN b INT");
        assertEquals(4, errors.size(), errors.toString());
        for (String expected : List.of("has no primary key", "uses ENGINE=MyISAM", "has triggers (refusals_bi)",
                "has CHECK constraint `refusals_own`")) {
            assertTrue(errors.stream().anyMatch(e -> e.contains(expected)), "expected '" + expected + "' in " + errors);
        }
    }

    @Test
    void everyRefusedClauseOfTheStatementIsReportedAtOnce() throws Exception {
        table("clauses", "id INT PRIMARY KEY, a INT");
        List<String> errors = ddlErrors("ALTER TABLE " + db + ".clauses ENGINE=MyISAM, ADD COLUMN b INT, ALGORITHM=COPY, LOCK=NONE");
        assertEquals(3, errors.size(), errors.toString());
    }

    @Test
    void everyProblemIsReportedAtOnce() throws Exception {
        table("parent2", "id INT NULL, UNIQUE KEY (id)");
        table("child2", "id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) REFERENCES " + db + ".parent2 (id)");
        List<String> errors = ddlErrors("ALTER TABLE " + db + ".parent2 ADD COLUMN b INT");
        assertEquals(2, errors.size(), errors.toString());
    }

    @Test
    void aStatementMySqlRejectsFailsTheMigrationWithMySqlsMessageAndLeavesNoShadow() throws Exception {
        table("rejected", "id INT PRIMARY KEY, a INT");
        String ddl = "ALTER TABLE " + db + ".rejected DROP COLUMN nosuch";
        assertEquals(List.of(), ddlErrors(ddl), "validate() needs no writes, so it cannot know yet");
        String name = name("rejected");
        deploy(name, ddl, "complete", Map.of());
        Map<String, String> row = awaitState(name, "failed");
        assertTrue(row.get("message").contains("MySQL refuses the statement") && row.get("message").contains("nosuch"),
                row.get("message"));
        assertEquals("0", mysql.value("SELECT COUNT(*) FROM `_twoway`.`markers` WHERE migration_id = '" + name + "'"));
    }

    @Test
    void copyFillsTheShadowWithTheProjectedTableInChunksThenCancelDropsIt() throws Exception {
        table("copied", "a INT NOT NULL, b VARCHAR(16) NOT NULL, title VARCHAR(32), n INT, PRIMARY KEY (a, b)");
        mysql.execute("SET SESSION cte_max_recursion_depth = 10000", "INSERT INTO `" + db + "`.`copied` "
                + "WITH RECURSIVE seq(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM seq WHERE x < 2500) "
                + "SELECT x % 7, CONCAT('k', x), IF(x % 5 = 0, NULL, CONCAT('t', x)), x FROM seq");
        String name = name("copy");
        // The copy starts once a sink has reached the migration's start marker: the stream must be live.
        try (MigrationPipeline pipeline = MigrationPipeline.start(mysql, db)) {
            copyAndCancel(name);
        }
    }

    private void copyAndCancel(String name) throws Exception {
        deploy(name, "ALTER TABLE " + db + ".copied RENAME COLUMN title TO heading, DROP COLUMN n, ADD COLUMN z INT "
                + "DEFAULT 9", "ready", Map.of("migration.copy.chunk.rows", "300", "migration.cutover.catchup.ms", "500"));
        Map<String, String> row = awaitState(name, "ready");
        assertEquals("2500", row.get("rows_copied"));
        assertEquals("2500", row.get("rows_total"));
        String shadow = row.get("shadow_table");
        assertEquals(mysql.column("SELECT CONCAT_WS('|', a, b, IFNULL(title, '-'), 9) FROM `" + db + "`.`copied` ORDER BY a, b"),
                mysql.column("SELECT CONCAT_WS('|', a, b, IFNULL(heading, '-'), z) FROM `" + db + "`.`" + shadow
                        + "` ORDER BY a, b"));
        retarget(name, "cancelled");
        awaitState(name, "cancelled");
        assertEquals("1", mysql.value("SELECT COUNT(*) FROM `_twoway`.`markers` WHERE migration_id = '" + name
                + "' AND kind = 'stop'"));
        assertEquals(List.of("none>queued", "queued>running", "running>ready", "ready>cancelled"),
                transitions(audited(name, 4)));
    }

    @Test
    void anotherStatementUnderAnExistingIdIsRefusedOnMigrationIdAndLeavesTheRowAlone() throws Exception {
        table("changed", "id INT PRIMARY KEY, a INT");
        String name = name("changed");
        String first = "ALTER TABLE " + db + ".changed DROP COLUMN nosuch";
        deploy(name, first, "complete", Map.of());
        awaitState(name, "failed");
        Map<String, String> config = new HashMap<>(configs.get(name));
        config.put("migration.ddl", "ALTER TABLE " + db + ".changed ADD COLUMN b INT");
        List<String> errors = errors(TestConnect.cluster().validateConnectorConfig(COORDINATOR, config), "migration.id");
        assertTrue(errors.stream().anyMatch(e -> e.contains("exists (state failed) with another statement")), errors.toString());
        assertTrue(errors(TestConnect.cluster().validateConnectorConfig(COORDINATOR, configs.get(name)), "migration.id")
                .stream().anyMatch(e -> e.contains("is failed") && e.contains("never runs again")),
                "the same statement of a failed migration is refused too");
        Map<String, String> row = row(name);
        assertEquals("failed", row.get("state"));
        assertEquals(first, row.get("ddl"));
    }

    /** Connect's validate endpoint passes no name unless the config holds one: the id is then unknown, said on migration.id. */
    @Test
    void aConfigWithoutNameOrMigrationIdIsRefusedOnMigrationId() throws Exception {
        table("unnamed", "id INT PRIMARY KEY, a INT");
        Map<String, String> config = new HashMap<>(config(name("unnamed"), "ALTER TABLE " + db + ".unnamed DROP COLUMN a",
                "complete"));
        config.remove("name");
        config.remove("migration.id");
        assertEquals(List.of("no migration id: set the connector's name, or migration.id, to name the migration"),
                errors(TestConnect.cluster().validateConnectorConfig(COORDINATOR, config), "migration.id"));
    }

    private static List<String> errors(ConfigInfos infos, String option) {
        return infos.configs().stream().filter(i -> i.configValue().name().equals(option)).findFirst().orElseThrow()
                .configValue().errors();
    }

    @Test
    void aTransitionCommittedWhileTheTaskIsNotPublishingReachesTheTopicAfterARestart() throws Exception {
        table("outbox", "id INT PRIMARY KEY, a INT");
        mysql.execute("INSERT INTO `" + db + "`.`outbox` VALUES (1, 1), (2, 2), (3, 3)");
        String name = name("outbox");
        deploy(name, "ALTER TABLE " + db + ".outbox ADD COLUMN b INT", "ready",
                Map.of("migration.cutover.catchup.ms", "500"));
        awaitState(name, "running");
        assertEquals(List.of("none>queued", "queued>running"), transitions(audited(name, 2)));

        // A paused source task is not polled, but its reconciler goes on: the copy (no sink here, so
        // the test reaches the start marker for it) moves running -> ready while nothing publishes.
        TestConnect.cluster().pauseConnector(name);
        Poll.until(WAIT, () -> name + " paused: " + TestConnect.describe(name),
                () -> TestConnect.describe(name).matches("PAUSED; task 0 PAUSED"));
        Poll.until(WAIT, () -> name + " copies once its start marker is reached: " + rowQuietly(name), () -> {
            mysql.execute("UPDATE `_twoway`.`markers` SET reached_topic = 'none', reached_partition = 0, "
                    + "reached_offset = 0, reached_at = CURRENT_TIMESTAMP(3) WHERE migration_id = '" + name
                    + "' AND kind = 'start' AND reached_offset IS NULL");
            return "ready".equals(row(name).get("state"));
        });
        assertEquals(List.of("none>queued", "queued>running"), transitions(auditedSoFar(name)),
                "a paused task published running>ready");
        // Deleted while paused, the task never publishes it; a queue in its memory would lose it.
        TestConnect.cluster().deleteConnector(name);
        Poll.until(WAIT, name + " deleted", () -> !TestConnect.cluster().connectors().contains(name));

        retarget(name, "cancelled");
        awaitState(name, "cancelled");
        List<Audited> published = audited(name, 4);
        List<Audited> firsts = firstOfEachSeq(published);
        assertEquals(List.of("none>queued", "queued>running", "running>ready", "ready>cancelled"), transitions(firsts),
                "published: " + published);
        assertEquals(mysql.column("SELECT seq FROM `_twoway`.`audit` WHERE migration_id = '" + name + "' ORDER BY seq"),
                firsts.stream().map(a -> Long.toString(a.seq())).toList(), "the records are the outbox rows, in seq order");
    }

    /** One audit record: its outbox row's seq and its transition as from>to. */
    private record Audited(long seq, String transition) {
    }

    private static List<String> transitions(List<Audited> records) {
        return records.stream().map(Audited::transition).toList();
    }

    /** What a consumer de-duplicating on seq keeps: delivery is at least once. */
    private static List<Audited> firstOfEachSeq(List<Audited> records) {
        List<Audited> firsts = new ArrayList<>();
        for (Audited record : records) {
            if (firsts.stream().noneMatch(f -> f.seq() == record.seq())) {
                firsts.add(record);
            }
        }
        return firsts;
    }

    /** The audit topic's records of one migration, once {@code count} arrived. */
    private List<Audited> audited(String migration, int count) {
        List<Audited> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = TestConnect.consumer("coordval-audit")) {
            Poll.until(WAIT, () -> count + " audit records of " + migration + ", got " + records, () -> {
                records.addAll(audited(migration, consumer.poll(Duration.ofMillis(100))));
                return records.size() >= count;
            });
        }
        return records;
    }

    /** The audit topic's records of one migration, up to the topic's end as it is now. */
    private List<Audited> auditedSoFar(String migration) {
        List<Audited> records = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = TestConnect.consumer("coordval-audit")) {
            TopicPartition partition = new TopicPartition("coordval-audit", 0);
            long end = consumer.endOffsets(List.of(partition)).get(partition);
            Poll.until(WAIT, () -> "the audit topic up to offset " + end, () -> {
                records.addAll(audited(migration, consumer.poll(Duration.ofMillis(100))));
                return consumer.position(partition) >= end;
            });
        }
        return records;
    }

    private static List<Audited> audited(String migration, ConsumerRecords<byte[], byte[]> polled) throws IOException {
        List<Audited> records = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : polled) {
            JsonNode value = JSON.readTree(record.value()).get("payload");
            if (migration.equals(value.get("migration_id").asText())) {
                String from = value.get("from_state").isNull() ? "none" : value.get("from_state").asText();
                records.add(new Audited(value.get("seq").asLong(), from + ">" + value.get("to_state").asText()));
            }
        }
        return records;
    }

    private final Map<String, Map<String, String>> configs = new HashMap<>();

    private void table(String name, String definition) throws SQLException {
        mysql.execute("CREATE TABLE `" + db + "`.`" + name + "` (" + definition + ")");
    }

    private String name(String what) {
        return "coordval-" + what + "-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    private Map<String, String> config(String name, String ddl, String target) {
        Map<String, String> config = mysql.connectionConfig();
        config.put("name", name);
        config.put("connector.class", COORDINATOR);
        config.put("tasks.max", "1");
        config.put("migration.ddl", ddl);
        config.put("migration.target", target);
        config.put("migration.audit.topic", "coordval-audit");
        return config;
    }

    private List<String> ddlErrors(String ddl) {
        ConfigInfos infos = TestConnect.cluster().validateConnectorConfig(COORDINATOR,
                config(name("validate"), ddl, "complete"));
        for (ConfigInfo info : infos.configs()) {
            if (!info.configValue().name().equals("migration.ddl")) {
                assertEquals(List.of(), info.configValue().errors(), info.configValue().name());
            }
        }
        return infos.configs().stream().filter(i -> i.configValue().name().equals("migration.ddl"))
                .findFirst().orElseThrow().configValue().errors();
    }

    private void assertDdlError(String ddl, String expected) {
        List<String> errors = ddlErrors(ddl);
        assertTrue(errors.stream().anyMatch(e -> e.contains(expected)), "expected '" + expected + "' in " + errors);
    }

    private void deploy(String name, String ddl, String target, Map<String, String> extra) {
        Map<String, String> config = config(name, ddl, target);
        config.putAll(extra);
        configs.put(name, config);
        deployed.add(name);
        TestConnect.runConnector(name, config, 1);
    }

    private void retarget(String name, String target) {
        Map<String, String> config = configs.get(name);
        config.put("migration.target", target);
        TestConnect.cluster().configureConnector(name, config);
    }

    private Map<String, String> awaitState(String name, String state) {
        Poll.until(WAIT, () -> name + " reaches " + state + ": " + rowQuietly(name) + "; " + TestConnect.describe(name),
                () -> state.equals(row(name).get("state")));
        return rowQuietly(name);
    }

    private Map<String, String> row(String name) throws SQLException {
        Map<String, String> row = new HashMap<>();
        try (var c = mysql.connect(); var s = c.prepareStatement(
                "SELECT * FROM `_twoway`.`migrations` WHERE migration_id = ?")) {
            s.setString(1, name);
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

    private Map<String, String> rowQuietly(String name) {
        try {
            return row(name);
        }
        catch (SQLException e) {
            return Map.of("error", e.getMessage());
        }
    }
}
