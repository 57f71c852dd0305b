package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.twoway.core.state.SidecarSchema;
import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.SourceStreaming;
import dev.twoway.it.support.StackProcess;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The README's least-privilege grants are enough: its SQL block, run as written (with this
 * test's database for {@code shop} and its own sidecar database for {@code _twoway}, so the
 * sidecar is created from nothing by the first connector's user and the shared one is left
 * alone), then the source, the sink and a coordinator each as its own user take a DROP COLUMN
 * migration to complete and revert it, its cut-over forced past an application's transaction
 * ({@code CONNECTION_ADMIN}, refused at validate without it).
 */
class GrantsIT {
    private static final Duration WAIT = Duration.ofMinutes(3);
    private static final String PASSWORD = "twoway-grants-it";
    private static final Pattern USER = Pattern.compile("CREATE USER '([a-z_]+)'@'%'");

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final List<String> connectors = new ArrayList<>();
    private final List<String> users = new ArrayList<>();
    private String database;
    private String sidecar;
    private String prefix;

    @AfterEach
    void cleanUp() throws SQLException {
        for (int i = connectors.size() - 1; i >= 0; i--) {
            TestConnect.deleteQuietly(connectors.get(i));
        }
        if (prefix != null) {
            SourceStreaming.awaitStopped(prefix);
        }
        for (String user : users) {
            mysql.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        }
        if (database != null) {
            mysql.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
        if (sidecar != null) {
            mysql.execute("DROP DATABASE IF EXISTS `" + sidecar + "`");
        }
    }

    /** This test's database with a users table, its own sidecar (created by the source), and the README's users. */
    private void readmeSetUp(String what) throws Exception {
        database = mysql.createDatabase("grants");
        prefix = "twg" + what + ProcessHandle.current().pid();
        sidecar = "_twoway_" + prefix;
        mysql.execute("DROP DATABASE IF EXISTS `" + sidecar + "`");
        mysql.execute("CREATE TABLE `" + database + "`.`users` (id BIGINT PRIMARY KEY AUTO_INCREMENT,"
                + " name VARCHAR(64) NOT NULL, title VARCHAR(64) NULL, KEY name_idx (name))",
                "INSERT INTO `" + database + "`.`users` (name, title) VALUES ('ada', 'countess'), ('grace', NULL)");
        for (String statement : readmeGrants()) {
            Matcher user = USER.matcher(statement);
            if (user.find()) {
                users.add(user.group(1));
                mysql.execute("DROP USER IF EXISTS '" + user.group(1) + "'@'%'");
            }
            mysql.execute(statement);
        }
        assertEquals(List.of("twoway_source", "twoway_sink", "twoway_coordinator"), users, "the README's users");
    }

    private void startSource() {
        Map<String, String> source = as("twoway_source");
        source.put("connector.class", MigrationPipeline.SOURCE);
        source.put("topic.prefix", prefix);
        source.put("database.include.list", database);
        source.put("topic.creation.default.partitions", "1");
        source.put("topic.creation.default.replication.factor", "-1");
        run(prefix + "-source", source);
        SourceStreaming.await(prefix);
        Poll.until(WAIT, "the source's user keeps its row of sources up to date", () -> "streaming".equals(mysql.value(
                "SELECT state FROM `" + sidecar + "`.`sources` WHERE connector = '" + prefix + "-source'")));
    }

    /**
     * A sink user short of the README's grants: its validate names each missing privilege it can
     * know of; one it could not (its regex hides the topic prefix) stops nothing at run time: the
     * sink leaves the migration's start marker unreached with the reason in the row, and a new
     * migration it would serve is refused at validate. The grant given, the migration goes on
     * without a restart.
     */
    @Test
    void aSinkUserShortOfAGrantIsToldWhichAndHoldsNoMigrationHostage() throws Exception {
        readmeSetUp("short");
        String shortUser = "twoway_sink_short";
        users.add(shortUser);
        mysql.execute("DROP USER IF EXISTS '" + shortUser + "'@'%'", "CREATE USER '" + shortUser + "'@'%' IDENTIFIED BY '"
                + PASSWORD + "'", "GRANT SELECT, INSERT, UPDATE ON `" + grantName(database) + "`.* TO '" + shortUser + "'@'%'",
                "GRANT CREATE, SELECT, INSERT ON `" + grantName(sidecar) + "`.* TO '" + shortUser + "'@'%'");
        startSource();
        Map<String, String> sink = as(shortUser);
        sink.put("connector.class", MigrationPipeline.SINK);
        sink.put("name", prefix + "-sink");
        sink.put("topics", prefix + "." + database + ".users");
        List<String> errors = errors(TestConnect.cluster().validateConnectorConfig(MigrationPipeline.SINK, sink),
                "database.user");
        assertTrue(errors.stream().anyMatch(e -> e.contains("lacks UPDATE on the sidecar database `" + sidecar + "`")),
                errors.toString());
        assertTrue(errors.stream().anyMatch(e -> e.contains("lacks DELETE on `" + database + "`")), errors.toString());
        assertEquals(2, errors.size(), errors.toString());

        mysql.execute("GRANT UPDATE ON `" + grantName(sidecar) + "`.* TO '" + shortUser + "'@'%'");
        Map<String, String> migration = as("twoway_coordinator");
        migration.put("connector.class", MigrationPipeline.COORDINATOR);
        migration.put("migration.ddl", "ALTER TABLE `" + database + "`.`users` DROP COLUMN `title`");
        migration.put("migration.target", "ready");
        String id = prefix + "-drop-title";
        run(id, migration);
        awaitMessage(id, "waiting: no running twoway sink is subscribed to the topic of " + database + ".users");
        sink.remove("name");
        sink.remove("topics");
        sink.put("topics.regex", "(?:" + prefix + ")\\." + database + "\\..*"); // no literal prefix to infer from
        sink.put("consumer.override.metadata.max.age.ms", "1000");
        run(prefix + "-sink", sink);
        awaitMessage(id, "waiting: sink '" + prefix + "-sink' (MySQL user " + shortUser + "@%) lacks DELETE on `"
                + database + "`");

        mysql.execute("CREATE TABLE `" + database + "`.`other` (id INT PRIMARY KEY)");
        Map<String, String> other = new java.util.HashMap<>(migration);
        other.put("name", prefix + "-other");
        other.put("migration.ddl", "ALTER TABLE `" + database + "`.`other` ADD COLUMN b INT");
        List<String> refused = errors(TestConnect.cluster().validateConnectorConfig(MigrationPipeline.COORDINATOR, other),
                "migration.ddl");
        assertTrue(refused.stream().anyMatch(e -> e.contains("sink '" + prefix + "-sink'") && e.contains("lacks DELETE on `"
                + database + "`")), refused.toString());

        mysql.execute("GRANT DELETE ON `" + grantName(database) + "`.* TO '" + shortUser + "'@'%'");
        awaitState(id, "ready");
        assertEquals(null, mysql.value("SELECT message FROM `" + sidecar + "`.`migrations` WHERE migration_id = '" + id + "'"),
                "the waiting note is gone once the sink took the migration on");
    }

    @Test
    void readmeGrantsLetEachConnectorRunAMigrationAndItsRevert() throws Exception {
        readmeSetUp("");
        startSource();
        assertEquals(SidecarSchema.tableNames().stream().sorted().toList(), mysql.column(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = '" + sidecar + "' ORDER BY table_name"),
                "the sidecar, created by the source's user");

        Map<String, String> sink = as("twoway_sink");
        sink.put("connector.class", MigrationPipeline.SINK);
        sink.put("topics.regex", prefix + "\\." + database + "\\..*");
        sink.put("consumer.override.metadata.max.age.ms", "1000");
        run(prefix + "-sink", sink);

        Map<String, String> migration = as("twoway_coordinator");
        migration.put("connector.class", MigrationPipeline.COORDINATOR);
        // A change of type too: the sink then stages the rows it converts in a temporary table.
        migration.put("migration.ddl", "ALTER TABLE `" + database + "`.`users` DROP COLUMN `title`, "
                + "MODIFY `name` VARCHAR(100) NOT NULL");
        migration.put("migration.target", "complete");
        // Every throttle figure watched as this user: Threads_running (no grant), the sink's lag
        // (markers), and the sandbox as a replica (the README's grant; no applier: no lag).
        migration.put("migration.throttle.threads.running", "100000");
        migration.put("migration.throttle.replicas", "jdbc:mysql://" + mysql.host() + ":" + mysql.port()
                + "/?allowPublicKeyRetrieval=true");
        // Forced at the attempt after the first blocked one: the README's grants kill the blocker.
        migration.put("migration.cutover.force.after.ms", "1");
        migration.put("migration.cutover.backoff.ms", "200");
        String id = prefix + "-drop-title";
        mysql.execute("REVOKE CONNECTION_ADMIN ON *.* FROM 'twoway_coordinator'@'%'");
        Map<String, String> validated = new java.util.HashMap<>(migration);
        validated.put("name", id);
        List<String> refused = errors(TestConnect.cluster().validateConnectorConfig(MigrationPipeline.COORDINATOR,
                validated), "migration.cutover.force.after.ms");
        assertEquals(List.of("MySQL user twoway_coordinator lacks CONNECTION_ADMIN, which migration.cutover.force.after.ms "
                + "needs to kill the connections blocking a cut-over: GRANT CONNECTION_ADMIN ON *.* to it (see the "
                + "README's grants), or set migration.cutover.force.after.ms to 0"), refused);
        mysql.execute("GRANT CONNECTION_ADMIN ON *.* TO 'twoway_coordinator'@'%'");

        String app = "twoway_grants_app"; // an application's user: no SYSTEM_USER, which only a user with it may kill
        users.add(app);
        mysql.execute("DROP USER IF EXISTS '" + app + "'@'%'", "CREATE USER '" + app + "'@'%' IDENTIFIED BY '" + PASSWORD
                + "'", "GRANT SELECT ON `" + grantName(database) + "`.* TO '" + app + "'@'%'");
        try (java.sql.Connection blocker = java.sql.DriverManager.getConnection(mysql.jdbcUrl(), app, PASSWORD);
             java.sql.Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            s.executeQuery("SELECT COUNT(*) FROM `" + database + "`.`users`").close(); // holds the table until it ends
            run(id, migration);
            awaitState(id, "complete");
            org.junit.jupiter.api.Assertions.assertThrows(SQLException.class, () -> s.executeQuery("SELECT 1").close(),
                    "the blocker was killed by the coordinator's user");
        }
        assertTrue(String.valueOf(mysql.value("SELECT message FROM `" + sidecar + "`.`migrations` WHERE migration_id = '"
                + id + "'")).startsWith("cut-over forced: killed connection "), "the row names whom it killed");
        assertEquals(List.of("id", "name"), columns(), "users after the cut-over");
        assertEquals(List.of("ada", "grace"), mysql.column("SELECT name FROM `" + database + "`.`users` ORDER BY id"),
                "rows after the cut-over");
        mysql.execute("INSERT INTO `" + database + "`.`users` (name) VALUES ('alan')");

        migration.put("migration.target", "reverted");
        TestConnect.cluster().configureConnector(id, migration);
        awaitState(id, "reverted");
        assertEquals(List.of("id", "name", "title"), columns(), "users after the revert");
        assertEquals(List.of("ada|countess", "grace|", "alan|"), mysql.column("SELECT CONCAT(name, '|', COALESCE(title, ''))"
                + " FROM `" + database + "`.`users` ORDER BY id"), "rows after the revert, alan's written after the cut-over");
    }

    /**
     * The SQL block under the README's grants heading, one statement per entry, with the password
     * and this test's databases filled in, escaped as the README says ({@code _} is a wildcard).
     */
    private List<String> readmeGrants() throws Exception {
        String readme = Files.readString(StackProcess.repoRoot().resolve("README.md"));
        int section = readme.indexOf("## MySQL grants");
        assertTrue(section >= 0, "README.md has a MySQL grants section");
        int start = readme.indexOf("```sql\n", section) + "```sql\n".length();
        String block = readme.substring(start, readme.indexOf("```", start));
        List<String> statements = new ArrayList<>();
        for (String line : block.split("\n")) {
            if (!line.isBlank() && !line.startsWith("--")) {
                statements.add(line.replace("`shop`", "`" + grantName(database) + "`")
                        .replace("`\\_twoway`", "`" + grantName(sidecar) + "`")
                        .replace("`_twoway`.`", "`" + sidecar + "`.`")
                        .replace("'...'", "'" + PASSWORD + "'").replaceAll(";\\s*$", ""));
            }
        }
        statements.stream().filter(s -> s.startsWith("GRANT") && !s.contains("*.*")).forEach(s -> assertTrue(
                s.contains("`" + grantName(database) + "`") || s.contains("`" + grantName(sidecar) + "`")
                        || s.contains("`" + sidecar + "`.`")
                        || s.matches("GRANT SELECT ON performance_schema\\.(metadata_locks|threads|"
                                + "events_statements_current|replication_applier_status_by_worker) TO "
                                + "'twoway_coordinator'@'%'"),
                "a README grant on a database this test does not know: " + s));
        return statements;
    }

    private static String grantName(String database) {
        return database.replace("_", "\\_").replace("%", "\\%");
    }

    private Map<String, String> as(String user) {
        Map<String, String> config = mysql.connectionConfig();
        config.put("database.user", user);
        config.put("database.password", PASSWORD);
        config.put("twoway.database", sidecar);
        config.put("tasks.max", "1");
        return config;
    }

    private void run(String name, Map<String, String> config) {
        connectors.add(name);
        TestConnect.runConnector(name, config, 1);
    }

    private void awaitState(String id, String state) {
        String row = "SELECT CONCAT_WS(' | ', state, stage, message) FROM `" + sidecar + "`.`migrations` WHERE migration_id = '" + id + "'";
        Poll.until(WAIT, () -> id + " reaches " + state + "; row: " + quietly(row) + "; " + connectors.stream()
                .map(TestConnect::describe).toList(), () -> {
                    String now = mysql.value("SELECT state FROM `" + sidecar + "`.`migrations` WHERE migration_id = '" + id + "'");
                    if ("failed".equals(now)) {
                        throw new AssertionError("migration failed: " + mysql.value(row));
                    }
                    return state.equals(now);
                });
    }

    private void awaitMessage(String id, String start) {
        String sql = "SELECT message FROM `" + sidecar + "`.`migrations` WHERE migration_id = '" + id + "'";
        Poll.until(WAIT, () -> id + "'s message starts with " + start + "; it is: " + quietly(sql),
                () -> String.valueOf(mysql.value(sql)).startsWith(start));
    }

    private static List<String> errors(org.apache.kafka.connect.runtime.rest.entities.ConfigInfos infos, String option) {
        return infos.configs().stream().filter(i -> i.configValue().name().equals(option)).findFirst().orElseThrow()
                .configValue().errors();
    }

    private List<String> columns() throws SQLException {
        return mysql.column("SELECT column_name FROM information_schema.columns WHERE table_schema = '" + database
                + "' AND table_name = 'users' ORDER BY ordinal_position");
    }

    private String quietly(String sql) {
        try {
            return mysql.value(sql);
        }
        catch (SQLException e) {
            return "(" + e.getMessage() + ")";
        }
    }
}
