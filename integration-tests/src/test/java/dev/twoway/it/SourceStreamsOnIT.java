package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.SourceDeployment;
import dev.twoway.it.support.TestMySql;

/**
 * What happens elsewhere on the server never stops the source: statements it has no business
 * parsing, and change events of tables it does not know, leave it streaming every other table,
 * also after a restart.
 */
class SourceStreamsOnIT {
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String captured;
    private String other;
    private SourceDeployment source;

    @BeforeEach
    void createDatabases() throws SQLException {
        captured = mysql.createDatabase("streamson");
        other = mysql.createDatabase("streamson_other");
    }

    @AfterEach
    void dropEverything() throws SQLException {
        if (source != null) {
            source.close();
        }
        mysql.execute("DROP DATABASE IF EXISTS `" + other + "`", "DROP DATABASE IF EXISTS `" + captured + "`");
    }

    /**
     * Issue 11, defect 6: Debezium 3.6.1 parses every DDL statement of the server, and its DDL
     * normalizer overflows the binlog reader's stack on a string literal of a few thousand
     * characters; the reader thread died, the task stayed RUNNING.
     */
    @Test
    void aLongCreateEventInADatabaseNotCapturedLeavesTheSourceStreaming() throws Exception {
        source = SourceDeployment.start(mysql, captured, Map.of());
        assertTrue(source.probeArrives(WAIT), "the source streams before the event: " + source.describe());
        mysql.execute("CREATE TABLE `" + other + "`.`log` (id INT AUTO_INCREMENT PRIMARY KEY, note TEXT)",
                "CREATE EVENT `" + other + "`.`nightly` ON SCHEDULE EVERY 1 DAY DISABLE DO BEGIN INSERT INTO `" + other
                        + "`.`log` (note) VALUES ('" + "x".repeat(3_000) + "'); END");

        assertTrue(source.probeArrives(WAIT), "the source streams past the CREATE EVENT: " + source.describe());
        source.restart();
        assertTrue(source.probeArrives(WAIT), "and after a restart: " + source.describe());
    }

    /**
     * Issue 10, defect 10: a cascaded delete is logged as row events of the child table (MySQL 9
     * runs foreign key actions in the SQL layer). The source keeps the DDL of the databases it
     * captures only, so a child in a database added to {@code database.include.list} later has
     * no schema it knows, and Debezium failed the task on the child's first event, and again on
     * every restart.
     */
    @Test
    void cascadedDeletesOfAChildWhoseSchemaTheSourceNeverRecordedLeaveItStreaming() throws Exception {
        mysql.execute("CREATE TABLE `" + captured + "`.`parent` (id INT PRIMARY KEY)",
                "CREATE TABLE `" + other + "`.`child` (id INT PRIMARY KEY, parent_id INT, FOREIGN KEY (parent_id) "
                        + "REFERENCES `" + captured + "`.`parent` (id) ON DELETE CASCADE)",
                "INSERT INTO `" + captured + "`.`parent` VALUES (1), (2)",
                "INSERT INTO `" + other + "`.`child` VALUES (10, 1), (20, 2)");
        source = SourceDeployment.start(mysql, captured, Map.of());
        mysql.execute("DELETE FROM `" + captured + "`.`parent` WHERE id = 1");
        assertTrue(source.probeArrives(WAIT), "a cascade into a database not captured: " + source.describe());

        source.reconfigure(Map.of("database.include.list", captured + "," + other));
        mysql.execute("DELETE FROM `" + captured + "`.`parent` WHERE id = 2");

        assertTrue(source.probeArrives(WAIT), "a cascade into a captured child of unknown schema: " + source.describe());
        source.restart();
        assertTrue(source.probeArrives(WAIT), "and after a restart: " + source.describe());
    }
}
