package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.core.state.SidecarSchema;
import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The sidecar holds whole what the connectors accept: a sidecar an older twoway made (TEXT
 * statements and column maps, ids compared without case) is widened at start and keeps its rows,
 * and a statement longer than a TEXT (64 KiB), which used to be cut and then fail the task with
 * "exists with another statement", is stored whole and its migration goes on.
 */
class SidecarWidthsIT {
    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;
    private String sidecar;
    private String connector;

    @BeforeEach
    void createDatabases() throws SQLException {
        db = mysql.createDatabase("widths");
        sidecar = mysql.createDatabase("widths_sidecar");
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        if (connector != null) {
            TestConnect.deleteQuietly(connector);
        }
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
    }

    /**
     * Every task of the three connectors checks the sidecar at start, the coordinator's on two
     * connections: a complete one is answered by a single read (two per table, twenty in all,
     * were on the path of every migration's start).
     */
    @Test
    void aCompleteSidecarIsCheckedWithOneRead() throws SQLException {
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, sidecar);
            long before = TestMySql.questions(c);
            SidecarSchema.ensure(c, sidecar);
            long statements = TestMySql.questions(c) - before - 1; // the second SHOW STATUS counts itself
            assertEquals(1, statements, "statements to find a complete sidecar complete");
        }
    }

    @Test
    void aSidecarAnOlderTwowayMadeIsWidenedAtStartAndKeepsItsRows() throws SQLException {
        String migrations = "`" + sidecar + "`.`migrations`";
        String progress = "`" + sidecar + "`.`sink_progress`";
        // As twoway 60ba852 made them.
        mysql.execute("CREATE TABLE " + migrations + " (migration_id VARCHAR(128) NOT NULL, table_schema VARCHAR(64) "
                + "NOT NULL, table_name VARCHAR(64) NOT NULL, ddl TEXT NOT NULL, state VARCHAR(16) NOT NULL, stage "
                + "VARCHAR(255) NOT NULL, shadow_table VARCHAR(64) NOT NULL, old_table VARCHAR(64) NOT NULL, column_map "
                + "TEXT NOT NULL, rows_copied BIGINT NOT NULL DEFAULT 0, rows_total BIGINT NOT NULL DEFAULT 0, "
                + "copy_last_key TEXT NULL, deferred_indexes TEXT NULL, eta_seconds BIGINT NULL, lag_ms BIGINT NULL, "
                + "freeze_gtid TEXT NULL, freeze_topic VARCHAR(249) NULL, freeze_partition INT NULL, freeze_offset "
                + "BIGINT NULL, cutover_at DATETIME(3) NULL, revertible TINYINT NOT NULL DEFAULT 1, revertible_until "
                + "DATETIME(3) NULL, retired_table VARCHAR(64) NULL, message TEXT NULL, created_at DATETIME(3) NOT NULL "
                + "DEFAULT CURRENT_TIMESTAMP(3), updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE "
                + "CURRENT_TIMESTAMP(3), PRIMARY KEY (migration_id), KEY by_table (table_schema, table_name)) "
                + "COLLATE utf8mb4_0900_ai_ci",
                "CREATE TABLE " + progress + " (connector VARCHAR(255) NOT NULL, topic VARCHAR(249) NOT NULL, "
                + "kafka_partition INT NOT NULL, next_offset BIGINT NOT NULL, gtid VARCHAR(255) NULL, route_migration "
                + "VARCHAR(128) NULL, route_direction VARCHAR(8) NULL, updated_at DATETIME(3) NOT NULL DEFAULT "
                + "CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), PRIMARY KEY (connector, topic, kafka_partition)) "
                + "COLLATE utf8mb4_0900_ai_ci",
                "INSERT INTO " + migrations + " (migration_id, table_schema, table_name, ddl, state, stage, shadow_table, "
                + "old_table, column_map) VALUES ('m1', 's', 't', 'ALTER TABLE s.t ADD COLUMN c INT', 'complete', "
                + "'complete', 't_new', 't_old', '[]')",
                "INSERT INTO " + progress + " (connector, topic, kafka_partition, next_offset) VALUES ('sink', 'p.s.t', 0, 42)");
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, sidecar);
            SidecarSchema.ensure(c, sidecar);
        }
        assertEquals(List.of("column_map mediumtext", "ddl mediumtext", "deferred_indexes mediumtext",
                "freeze_gtid mediumtext"), columns("migrations", "COLUMN_TYPE",
                "('ddl', 'column_map', 'deferred_indexes', 'freeze_gtid')"));
        assertEquals(List.of("migration_id varchar(128) utf8mb4_0900_bin"), columns("migrations",
                "COLUMN_TYPE, COLLATION_NAME", "('migration_id')"));
        assertEquals(List.of("connector varchar(255) utf8mb4_0900_bin", "route_migration varchar(128) utf8mb4_0900_bin",
                "topic varchar(249) utf8mb4_0900_bin"), columns("sink_progress", "COLUMN_TYPE, COLLATION_NAME",
                "('connector', 'topic', 'route_migration')"));
        assertEquals("ALTER TABLE s.t ADD COLUMN c INT", mysql.value("SELECT ddl FROM " + migrations + " WHERE migration_id = 'm1'"));
        assertEquals("42", mysql.value("SELECT next_offset FROM " + progress + " WHERE topic = 'p.s.t'"));
        mysql.execute("INSERT INTO " + progress + " (connector, topic, kafka_partition, next_offset) VALUES ('sink', 'p.s.T', 0, 7)");
        assertEquals("2", mysql.value("SELECT COUNT(*) FROM " + progress), "topics differing in case are two rows");
    }

    @Test
    void aStatementLongerThanATextIsStoredWholeAndItsMigrationGoesOn() throws SQLException {
        mysql.execute("CREATE TABLE `" + db + "`.`wide` (id INT PRIMARY KEY, a INT)");
        String ddl = "ALTER TABLE `" + db + "`.`wide`" + " ".repeat(70_000) + "ADD COLUMN b INT";
        connector = "widths-long-" + ProcessHandle.current().pid();
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", MigrationPipeline.COORDINATOR);
        config.put("tasks.max", "1");
        config.put("twoway.database", sidecar);
        config.put("migration.ddl", ddl);
        config.put("migration.target", "ready");
        config.put("migration.audit.topic", "widths-audit");
        TestConnect.runConnector(connector, config, 1);
        Poll.until(Duration.ofSeconds(60), () -> "the migration waits for its start marker: " + TestConnect.describe(connector),
                () -> String.valueOf(mysql.value("SELECT stage FROM `" + sidecar + "`.`migrations` WHERE migration_id = '"
                        + connector + "'")).startsWith("waiting for the sink to reach start marker"));
        assertEquals(Integer.toString(ddl.length()), mysql.value("SELECT LENGTH(ddl) FROM `" + sidecar
                + "`.`migrations` WHERE migration_id = '" + connector + "'"), "the statement is stored whole");
        assertTrue(TestConnect.describe(connector).contains("task 0 RUNNING"), TestConnect.describe(connector));
    }

    private List<String> columns(String table, String what, String names) throws SQLException {
        return mysql.column("SELECT CONCAT_WS(' ', COLUMN_NAME, " + what + ") FROM information_schema.COLUMNS "
                + "WHERE TABLE_SCHEMA = '" + sidecar + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME IN " + names
                + " ORDER BY COLUMN_NAME");
    }
}
