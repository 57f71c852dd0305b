package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import dev.twoway.it.support.MatrixCase;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TableFingerprints;
import dev.twoway.it.support.TestConnect;

/**
 * Bad input of every kind, one case a line (see {@link #cases()}): options, names, lengths,
 * privileges, missing pieces and statements. Each is refused by {@code PUT
 * /connector-plugins/{class}/config/validate} with the reason on the option named, or, deployed,
 * fails in the state row with the reason; either way no table of the test's databases is
 * created, dropped, renamed or changed ({@code SHOW CREATE TABLE} and {@code CHECKSUM TABLE} of
 * each, before and after). One source and sink serve every case.
 */
class BadInputMatrixIT extends PipelineTest {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private String other;
    private String shortUser;

    @Override
    protected String databasePrefix() {
        return "matrix";
    }

    @BeforeAll
    void createTables() throws Exception {
        other = mysql.createDatabase("matrix_other");
        mysql.execute("CREATE TABLE " + t("users") + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(64) NOT NULL DEFAULT '', "
                        + "title VARCHAR(64) NULL, n INT NULL)",
                "INSERT INTO " + t("users") + " (name, title, n) VALUES ('ada', 'countess', 1), ('alan', NULL, 2), "
                        + "('grace', 'rear admiral', 2)",
                "CREATE TABLE " + t("nokey") + " (id INT NULL, a INT, UNIQUE KEY (id))",
                "INSERT INTO " + t("nokey") + " VALUES (1, 1), (NULL, 2)",
                "CREATE TABLE " + t("parent") + " (id INT PRIMARY KEY)",
                "CREATE TABLE " + t("child") + " (id INT PRIMARY KEY, parent_id INT, CONSTRAINT child_parent FOREIGN KEY "
                        + "(parent_id) REFERENCES " + t("parent") + " (id))",
                "CREATE TABLE " + t("parted") + " (id INT PRIMARY KEY, a INT) PARTITION BY RANGE (id) (PARTITION p0 VALUES "
                        + "LESS THAN (100), PARTITION p1 VALUES LESS THAN MAXVALUE)",
                "INSERT INTO " + t("parted") + " VALUES (1, 1), (200, 2)",
                "CREATE TABLE " + t("victim") + " (id INT PRIMARY KEY, a INT)",
                "INSERT INTO " + t("victim") + " VALUES (7, 7)",
                "CREATE TABLE `" + other + "`.`users` (id BIGINT PRIMARY KEY, name VARCHAR(64))",
                "INSERT INTO `" + other + "`.`users` VALUES (1, 'elsewhere')");
        shortUser = "matrix_short_" + ProcessHandle.current().pid();
        mysql.execute("DROP USER IF EXISTS '" + shortUser + "'@'%'", "CREATE USER '" + shortUser + "'@'%' IDENTIFIED BY 'pw'",
                "GRANT SELECT ON `" + db.replace("_", "\\_") + "`.* TO '" + shortUser + "'@'%'");
        pipeline.awaitSettled("users");
    }

    @org.junit.jupiter.api.AfterAll
    void dropTheRest() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + other + "`", "DROP USER IF EXISTS '" + shortUser + "'@'%'");
    }

    private String t(String table) {
        return "`" + db + "`.`" + table + "`";
    }

    /** The cases, one a line: what is sent, and where the refusal must appear. */
    private List<MatrixCase> cases() {
        List<MatrixCase> cases = new ArrayList<>();
        cases.addAll(coordinatorOptions());
        cases.addAll(missingPieces());
        cases.addAll(forbiddenTables());
        cases.addAll(statements());
        cases.addAll(requests());
        cases.addAll(failures());
        cases.addAll(sinkOptions());
        cases.addAll(sourceOptions());
        cases.addAll(statementsTheGrammarRefuses());
        return cases;
    }

    private String ddl() {
        return "ALTER TABLE " + t("users") + " ADD COLUMN note INT";
    }

    /** The coordinator's options, one by one. */
    private List<MatrixCase> coordinatorOptions() {
        String ddl = ddl();
        String id129 = "m".repeat(129);
        return List.of(
                MatrixCase.coordinator("migration.id of 129 characters", Map.of("migration.id", id129), "migration.id", "has 129 characters"),
                MatrixCase.coordinator("connector name of 129 characters standing for the id", Map.of("name", id129), "migration.id", "at most 128"),
                MatrixCase.coordinator("twoway.database with a backtick and ;", Map.of("twoway.database", "tw`x;drop"), "twoway.database", "only ASCII letters"),
                MatrixCase.coordinator("twoway.database of 65 characters", Map.of("twoway.database", "t".repeat(65)), "twoway.database", "65 characters"),
                MatrixCase.coordinator("twoway.database with a space", Map.of("twoway.database", "two way"), "twoway.database", "only ASCII letters"),
                MatrixCase.coordinator("twoway.database with a dot", Map.of("twoway.database", "a.b"), "twoway.database", "only ASCII letters"),
                MatrixCase.coordinator("twoway.database not ASCII", Map.of("twoway.database", "twé"), "twoway.database", "only ASCII letters"),
                MatrixCase.coordinator("twoway.database empty", Map.of("twoway.database", ""), "twoway.database", "is empty"),
                MatrixCase.coordinator("migration.ddl empty", Map.of("migration.ddl", ""), "migration.ddl", "non-empty"),
                MatrixCase.coordinator("migration.ddl blank", Map.of("migration.ddl", "   "), "migration.ddl", "non-empty"),
                MatrixCase.coordinator("migration.ddl over 512 KiB", Map.of("migration.ddl", ddl + " ".repeat(600_000) + "COMMENT 'x'"), "migration.ddl", "bytes (UTF-8)"),
                MatrixCase.coordinator("migration.target unknown", Map.of("migration.target", "later"), "migration.target", "must be one of"),
                MatrixCase.coordinator("migration.target reverted with nothing to revert", Map.of("migration.target", "reverted"), "migration.target", "there is no migration"),
                MatrixCase.coordinator("migration.audit.topic with a space", Map.of("migration.audit.topic", "audit topic"), "migration.audit.topic", "ASCII alphanumerics"),
                MatrixCase.coordinator("migration.audit.topic of 250 characters", Map.of("migration.audit.topic", "a".repeat(250)), "migration.audit.topic", "249"),
                MatrixCase.coordinator("migration.audit.topic '..'", Map.of("migration.audit.topic", ".."), "migration.audit.topic", "is not allowed"),
                MatrixCase.coordinator("migration.copy.chunk.rows 5", Map.of("migration.copy.chunk.rows", "5"), "migration.copy.chunk.rows", "at least 10"),
                MatrixCase.coordinator("migration.copy.chunk.rows not a number", Map.of("migration.copy.chunk.rows", "many"), "migration.copy.chunk.rows", "Not a number"),
                MatrixCase.coordinator("migration.copy.threads 0", Map.of("migration.copy.threads", "0"), "migration.copy.threads", "at least 1"),
                MatrixCase.coordinator("migration.copy.threads 17", Map.of("migration.copy.threads", "17"), "migration.copy.threads", "no more than 16"),
                MatrixCase.coordinator("migration.cutover.lock.timeout.ms 50", Map.of("migration.cutover.lock.timeout.ms", "50"), "migration.cutover.lock.timeout.ms", "at least 100"),
                MatrixCase.coordinator("migration.cutover.lock.timeout.ms 600001", Map.of("migration.cutover.lock.timeout.ms", "600001"), "migration.cutover.lock.timeout.ms", "no more than"),
                MatrixCase.coordinator("migration.cutover.catchup.ms 10", Map.of("migration.cutover.catchup.ms", "10"), "migration.cutover.catchup.ms", "at least 100"),
                MatrixCase.coordinator("migration.cutover.retries 0", Map.of("migration.cutover.retries", "0"), "migration.cutover.retries", "at least 1"),
                MatrixCase.coordinator("migration.cutover.backoff.ms -1", Map.of("migration.cutover.backoff.ms", "-1"), "migration.cutover.backoff.ms", "at least 0"),
                MatrixCase.coordinator("migration.sync.interval.ms 5", Map.of("migration.sync.interval.ms", "5"), "migration.sync.interval.ms", "at least 10"),
                MatrixCase.coordinator("migration.revert.window.ms -1", Map.of("migration.revert.window.ms", "-1"), "migration.revert.window.ms", "at least 0"),
                MatrixCase.coordinator("migration.retire.drop maybe", Map.of("migration.retire.drop", "maybe"), "migration.retire.drop", "true or false"),
                MatrixCase.coordinator("migration.step.retries 0", Map.of("migration.step.retries", "0"), "migration.step.retries", "at least 1"),
                MatrixCase.coordinator("migration.step.backoff.ms 5", Map.of("migration.step.backoff.ms", "5"), "migration.step.backoff.ms", "at least 10"),
                MatrixCase.coordinator("migration.step.backoff.max.ms 0", Map.of("migration.step.backoff.max.ms", "0"), "migration.step.backoff.max.ms", "at least 10"),
                MatrixCase.coordinator("database.port 0", Map.of("database.port", "0"), "database.port", "at least 1"),
                MatrixCase.coordinator("database.port 70000", Map.of("database.port", "70000"), "database.port", "no more than 65535"),
                MatrixCase.coordinator("database.port not a number", Map.of("database.port", "mysql"), "database.port", "Not a number"),
                MatrixCase.coordinator("database.hostname empty", Map.of("database.hostname", ""), "database.hostname", "non-empty"),
                MatrixCase.coordinator("database.user empty", Map.of("database.user", ""), "database.user", "non-empty"),
                MatrixCase.coordinator("database.ssl.mode unknown", Map.of("database.ssl.mode", "sometimes"), "database.ssl.mode", "must be one of"),
                MatrixCase.coordinator("a server nobody listens on", Map.of("database.port", "1"), "database.hostname", "cannot check the migration against MySQL"),
                MatrixCase.coordinator("a wrong password", Map.of("database.password", "wrong"), "database.hostname", "Access denied"));
    }

    /** The coordinator's privileges, sinks, and rows under the id. */
    private List<MatrixCase> missingPieces() {
        String ddl = ddl();
        return List.of(
                MatrixCase.coordinator("a user who can only read the database", Map.of("database.user", shortUser, "database.password", "pw"), "database.user", "lacks INSERT, UPDATE, CREATE, ALTER, DROP, LOCK TABLES on the migrated table's database"),
                MatrixCase.coordinator("a user with no grant on the sidecar", Map.of("database.user", shortUser, "database.password", "pw"), "database.user", "lacks CREATE, SELECT, INSERT, UPDATE, DELETE on the sidecar database"),
                MatrixCase.statement("a table of a database no running source captures", "ALTER TABLE `" + other + "`.`users` ADD COLUMN note INT", "no running source connector captures " + other + ".users"),
                MatrixCase.statement("a running sink lacking DELETE on the database", ddl, "lacks DELETE on `" + db + "`").registeringSink("GRANT SELECT, INSERT, UPDATE ON `" + db.replace("_", "\\_") + "`.* TO `x`@`%`"),
                MatrixCase.statement("an id whose row has another statement", ddl, "migration.id", "exists (state failed) with another statement").withRow("ALTER TABLE " + t("users") + " ADD COLUMN other INT", "failed"),
                MatrixCase.statement("an id whose migration failed", ddl, "migration.id", "is failed").withRow(ddl, "failed"),
                MatrixCase.statement("an id whose migration was cancelled", ddl, "migration.id", "is cancelled").withRow(ddl, "cancelled"));
    }

    /** Tables twoway never migrates, whatever the statement. */
    private List<MatrixCase> forbiddenTables() {
        return List.of(
                MatrixCase.statement("a table of the sidecar", "ALTER TABLE `_twoway`.`migrations` ADD COLUMN x INT", "in twoway's sidecar database"),
                MatrixCase.statement("a table of mysql", "ALTER TABLE `mysql`.`user` ADD COLUMN x INT", "MySQL's system schema"),
                MatrixCase.statement("a table of sys", "ALTER TABLE `sys`.`sys_config` ADD COLUMN x INT", "MySQL's system schema"),
                MatrixCase.statement("a table of performance_schema", "ALTER TABLE `performance_schema`.`threads` ADD COLUMN x INT", "MySQL's system schema"),
                MatrixCase.statement("a table of information_schema", "ALTER TABLE `information_schema`.`TABLES` ADD COLUMN x INT", "MySQL's system schema"),
                MatrixCase.statement("a shadow table's name", "ALTER TABLE " + t("users_tw0a1b2c_new") + " ADD COLUMN x INT", "named like a table twoway makes"),
                MatrixCase.statement("a retired table's name", "ALTER TABLE " + t("users_tw0a1b2c_hold_20260101000000") + " ADD COLUMN x INT", "named like a table twoway makes"),
                MatrixCase.statement("a table of a database that does not exist", "ALTER TABLE `nosuch_db_matrix`.`users` ADD COLUMN x INT", "does not exist"));
    }

    /** Statements refused before anything runs (the refusals that were there before). */
    private List<MatrixCase> statements() {
        String ddl = ddl();
        return List.of(
                MatrixCase.statement("a statement not ALTER, CREATE or DROP TABLE", "TRUNCATE TABLE " + t("victim"), "takes ALTER TABLE, CREATE TABLE or DROP TABLE statements"),
                MatrixCase.statement("a missing table", "ALTER TABLE " + t("missing") + " ADD COLUMN b INT", "does not exist"),
                MatrixCase.statement("an unqualified table", "ALTER TABLE users ADD COLUMN b INT", "names no database"),
                MatrixCase.statement("a statement that changes nothing", "ALTER TABLE " + t("users"), "changes nothing"),
                MatrixCase.statement("an empty clause", "ALTER TABLE " + t("users") + " ADD COLUMN b INT,, ADD COLUMN c INT", "syntax error at line 1, column"),
                MatrixCase.statement("no primary or NOT NULL unique key", "ALTER TABLE " + t("nokey") + " ADD COLUMN b INT", "no primary key and no NOT NULL unique key"),
                MatrixCase.statement("foreign keys from the table", "ALTER TABLE " + t("child") + " ADD COLUMN b INT", "foreign keys on or to it"),
                MatrixCase.statement("foreign keys to the table", "ALTER TABLE " + t("parent") + " ADD COLUMN b INT", "child_parent"),
                MatrixCase.statement("ADD FOREIGN KEY", "ALTER TABLE " + t("users") + " ADD CONSTRAINT fk FOREIGN KEY (n) REFERENCES " + t("parent") + " (id)", "foreign keys are refused"),
                MatrixCase.statement("RENAME TO", "ALTER TABLE " + t("users") + " RENAME TO " + t("pwned"), "RENAME TO renames the table itself"),
                MatrixCase.statement("DISCARD TABLESPACE", "ALTER TABLE " + t("users") + " DISCARD TABLESPACE", "DISCARD and IMPORT TABLESPACE"),
                MatrixCase.statement("a table held by another migration", ddl, "is held by migration").heldBy("ALTER TABLE " + t("users") + " ADD COLUMN held INT"));
    }

    /** Deploy requests refused before anything runs: a statement of them, or the statements together. */
    private List<MatrixCase> requests() {
        String ddl = ddl();
        return List.of(
                MatrixCase.statement("two ALTERs of one table", ddl + "; ALTER TABLE " + t("users") + " ADD COLUMN other INT", "which statement 1 alters too"),
                MatrixCase.statement("a DROP of a table another statement alters", ddl + "; DROP TABLE " + t("users"), "statement 2 drops"),
                MatrixCase.statement("a CREATE of a name another statement drops", "DROP TABLE " + t("victim") + "; CREATE TABLE " + t("victim") + " (id INT PRIMARY KEY)", "statement 1 drops"),
                MatrixCase.statement("CREATE TABLE ... SELECT", "CREATE TABLE " + t("nope") + " (id INT PRIMARY KEY) SELECT id FROM " + t("users"), "CREATE TABLE ... SELECT"),
                MatrixCase.statement("CREATE TABLE with a foreign key", "CREATE TABLE " + t("nope") + " (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES " + t("parent") + " (id))", "foreign keys are refused"),
                MatrixCase.statement("CREATE TABLE with another engine", "CREATE TABLE " + t("nope") + " (id INT PRIMARY KEY) ENGINE=MyISAM", "InnoDB tables only"),
                MatrixCase.statement("CREATE TABLE partitioned", "CREATE TABLE " + t("nope") + " (id INT PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2", "every partition clause"),
                MatrixCase.statement("CREATE TABLE with an executable comment", "CREATE TABLE " + t("nope") + " (id INT PRIMARY KEY) /*!50000 ENGINE=MyISAM */", "comment"),
                MatrixCase.statement("CREATE TABLE naming another table", "CREATE TABLE " + t("nope") + " (id INT PRIMARY KEY, n INT DEFAULT ((SELECT COUNT(*) FROM " + t("victim") + ")))", "a subquery"),
                MatrixCase.statement("CREATE TABLE LIKE another database's table", "CREATE TABLE " + t("nope") + " LIKE `" + other + "`.`users`", "copies a table of another database"),
                MatrixCase.statement("CREATE TABLE of a name taken", "CREATE TABLE " + t("victim") + " (id INT PRIMARY KEY)", "exists"),
                MatrixCase.statement("CREATE TABLE IF NOT EXISTS", "CREATE TABLE IF NOT EXISTS " + t("nope") + " (id INT PRIMARY KEY)", "IF NOT EXISTS is refused"),
                MatrixCase.statement("DROP TABLE IF EXISTS", "DROP TABLE IF EXISTS " + t("victim"), "IF EXISTS is refused"),
                MatrixCase.statement("DROP TABLE of two tables", "DROP TABLE " + t("victim") + ", " + t("nokey"), "its own DROP TABLE"),
                MatrixCase.statement("DROP TABLE of a missing table", "DROP TABLE " + t("missing"), "does not exist"),
                MatrixCase.statement("DROP TABLE with a foreign key to it", "DROP TABLE " + t("parent"), "foreign keys on or to it"),
                MatrixCase.statement("DROP TABLE of the sidecar", "DROP TABLE `_twoway`.`migrations`", "in twoway's sidecar database"),
                MatrixCase.failing("a request whose second statement MySQL refuses", ddl + "; ALTER TABLE " + t("victim") + " DROP COLUMN nosuch", "statement 2 (ALTER TABLE " + db + ".victim): MySQL refuses the statement"));
    }

    /** Statements MySQL refuses on the scratch copy, data the new schema cannot hold, ids an earlier run left: failed in the row. */
    private List<MatrixCase> failures() {
        String ddl = ddl();
        return List.of(
                MatrixCase.failing("dropping a column that does not exist", "ALTER TABLE " + t("users") + " DROP COLUMN nosuch", "MySQL refuses the statement"),
                MatrixCase.failing("adding a column that exists", "ALTER TABLE " + t("users") + " ADD COLUMN name INT", "Duplicate column name"),
                MatrixCase.statement("trailing words MySQL cannot parse", "ALTER TABLE " + t("users") + " ADD COLUMN b INT nonsense words", "at 'nonsense'"),
                MatrixCase.failing("a value the new type cannot hold", "ALTER TABLE " + t("users") + " MODIFY COLUMN name INT NOT NULL", "MySQL refuses a value for the new schema"),
                MatrixCase.failing("an id used before whose old table is still there", ddl, "was used before").withOldTable("users"),
                MatrixCase.failing("an id used before that retired its table", ddl, "it retired the table").withHoldTable("users"));
    }

    /** The sink's options and privileges. */
    private List<MatrixCase> sinkOptions() {
        return List.of(
                MatrixCase.sink("sink name of 256 characters", Map.of("name", "s".repeat(256)), "name", "at most 255"),
                MatrixCase.sink("sink twoway.database with a backtick", Map.of("twoway.database", "tw`x"), "twoway.database", "only ASCII letters"),
                MatrixCase.sink("sink twoway.database of 65 characters", Map.of("twoway.database", "t".repeat(65)), "twoway.database", "65 characters"),
                MatrixCase.sink("sink.batch.max.rows 0", Map.of("sink.batch.max.rows", "0"), "sink.batch.max.rows", "at least 1"),
                MatrixCase.sink("sink.batch.max.rows 10001", Map.of("sink.batch.max.rows", "10001"), "sink.batch.max.rows", "no more than 10000"),
                MatrixCase.sink("sink.swap.poll.ms 0", Map.of("sink.swap.poll.ms", "0"), "sink.swap.poll.ms", "at least 1"),
                MatrixCase.sink("sink.retry.backoff.ms -1", Map.of("sink.retry.backoff.ms", "-1"), "sink.retry.backoff.ms", "at least 0"),
                MatrixCase.sink("sink database.port 0", Map.of("database.port", "0"), "database.port", "at least 1"),
                MatrixCase.sink("sink with a wrong password", Map.of("database.password", "wrong"), "database.hostname", "cannot check the sink's grants"),
                MatrixCase.sink("a sink user with no grant on the sidecar", Map.of("database.user", shortUser, "database.password", "pw"), "database.user", "lacks CREATE, SELECT, INSERT, UPDATE on the sidecar database"),
                MatrixCase.sink("a sink user who can only read a database its topics name", Map.of("database.user", shortUser, "database.password", "pw", "topics", pipeline.topic("users"), "topics.regex", MatrixCase.ABSENT), "database.user", "lacks INSERT, UPDATE, DELETE on `" + db + "`"));
    }

    /** The source's options. */
    private List<MatrixCase> sourceOptions() {
        return List.of(
                MatrixCase.source("source twoway.database with a semicolon", Map.of("twoway.database", "tw;x"), "twoway.database", "only ASCII letters"),
                MatrixCase.source("source twoway.database of 65 characters", Map.of("twoway.database", "t".repeat(65)), "twoway.database", "65 characters"),
                MatrixCase.source("source name of 256 characters", Map.of("name", "s".repeat(256)), "twoway.database", "at most 255"));
    }

    /** Statements that did damage before the allow-list grammar (issue 11, defects 1 to 3). */
    private List<MatrixCase> statementsTheGrammarRefuses() {
        return List.of(
                MatrixCase.statement("EXCHANGE PARTITION", "ALTER TABLE " + t("parted") + " EXCHANGE PARTITION p0 WITH TABLE " + t("victim"), "EXCHANGE PARTITION"),
                MatrixCase.statement("an executable comment renaming the table", "ALTER TABLE " + t("users") + " DROP COLUMN title /*!, RENAME TO " + t("pwned") + " */", "comment"),
                MatrixCase.statement("an executable comment adding a foreign key", "ALTER TABLE " + t("users") + " ADD COLUMN b INT /*!, ADD CONSTRAINT fk FOREIGN KEY (n) REFERENCES " + t("parent") + "(id) */", "comment"),
                MatrixCase.statement("ENGINE=MyISAM", "ALTER TABLE " + t("users") + " ENGINE=MyISAM", "ENGINE"),
                MatrixCase.statement("TRUNCATE PARTITION", "ALTER TABLE " + t("parted") + " TRUNCATE PARTITION p0", "TRUNCATE PARTITION"),
                MatrixCase.statement("PARTITION BY", "ALTER TABLE " + t("users") + " PARTITION BY HASH (id) PARTITIONS 2", "PARTITION BY"),
                MatrixCase.statement("an optimizer hint", "ALTER /*+ SET_VAR(foreign_key_checks=0) */ TABLE " + t("users") + " ADD COLUMN b INT", "hint"),
                MatrixCase.statement("DROP PARTITION", "ALTER TABLE " + t("parted") + " DROP PARTITION p0", "PARTITION"));
    }

    @TestFactory
    Stream<DynamicTest> everyBadInputIsRefusedWithItsReasonAndChangesNoTable() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> run(c)));
    }

    private void run(MatrixCase c) throws Exception {
        String name = "matrix-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
        List<String> undo = c.setUp(mysql, name, db);
        try {
            Map<String, String> before = fingerprints();
            if (c.deployed()) {
                deployAndAwaitFailure(c, name);
            }
            else {
                assertRefused(c, name);
            }
            assertEquals(before, fingerprints(), "the databases' tables after: " + c.name());
        }
        finally {
            TestConnect.deleteQuietly(name);
            for (String statement : undo) {
                mysql.execute(statement);
            }
        }
    }

    private Map<String, String> fingerprints() throws SQLException {
        Map<String, String> all = new HashMap<>();
        TableFingerprints.of(mysql, db).forEach((table, print) -> all.put(db + "." + table, print));
        TableFingerprints.of(mysql, other).forEach((table, print) -> all.put(other + "." + table, print));
        return all;
    }

    private void assertRefused(MatrixCase c, String name) {
        Map<String, String> config = config(c, name);
        ConfigInfos infos = TestConnect.cluster().validateConnectorConfig(c.connectorClass(), config);
        List<String> errors = new ArrayList<>();
        for (ConfigInfo info : infos.configs()) {
            if (info.configValue().name().equals(c.option())) {
                errors.addAll(info.configValue().errors());
            }
        }
        assertTrue(errors.stream().anyMatch(e -> e.contains(c.expected())), c.name() + ": expected '" + c.expected()
                + "' on " + c.option() + ", got " + errors + "; every error: " + everyError(infos));
    }

    private static List<String> everyError(ConfigInfos infos) {
        return infos.configs().stream().filter(i -> !i.configValue().errors().isEmpty())
                .map(i -> i.configValue().name() + ": " + i.configValue().errors()).toList();
    }

    private void deployAndAwaitFailure(MatrixCase c, String name) throws Exception {
        TestConnect.runConnector(name, config(c, name), 1);
        Poll.until(WAIT, () -> c.name() + ": failed with '" + c.expected() + "'; row: " + pipeline.rowQuietly(name)
                + "; " + TestConnect.describe(name), () -> {
                    Map<String, String> row = pipeline.row(name);
                    if (row.isEmpty() && !pipeline.members(name).isEmpty()) {
                        row = pipeline.members(name).get(0); // a deploy request: its first member says it for all
                    }
                    return "failed".equals(row.get("state")) && String.valueOf(row.get("message")).contains(c.expected());
                });
        TestConnect.cluster().deleteConnector(name);
        Poll.until(WAIT, name + " deleted", () -> !TestConnect.cluster().connectors().contains(name));
    }

    private Map<String, String> config(MatrixCase c, String name) {
        Map<String, String> config = mysql.connectionConfig();
        config.put("name", name);
        config.put("connector.class", c.connectorClass());
        config.put("tasks.max", "1");
        switch (c.kind()) {
            case COORDINATOR, STATEMENT, FAILING -> {
                config.put("migration.ddl", "ALTER TABLE " + t("users") + " ADD COLUMN note INT");
                config.put("migration.target", "ready");
                config.put("migration.audit.topic", "matrix-audit");
                config.put("migration.cutover.catchup.ms", "1000");
            }
            case SINK -> config.put("topics.regex", pipeline.sinkConfig().get("topics.regex"));
            case SOURCE -> {
                config.put("topic.prefix", "matrix" + ProcessHandle.current().pid());
                config.put("database.include.list", db);
            }
        }
        config.putAll(c.config());
        config.values().removeIf(MatrixCase.ABSENT::equals);
        return config;
    }
}
