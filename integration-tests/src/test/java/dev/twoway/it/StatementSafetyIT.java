package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.step.MigrationAdmission;
import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.MySqlSidecar;
import dev.twoway.core.state.SidecarSchema;
import dev.twoway.it.support.DatabaseSnapshot;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * Statements that did real damage (issue 11): each is refused by the connector's validate() and
 * again by the task's admission, which tries a statement on a scratch copy only once it is
 * accepted; afterwards no table was created, renamed or changed in the database (definitions
 * and row checksums compared), and the victim of EXCHANGE PARTITION keeps its rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StatementSafetyIT {
    private static final String COORDINATOR = "dev.twoway.coordinator.TwowayMigrationConnector";
    private static final String SIDECAR = SidecarSchema.DEFAULT_DATABASE;
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;
    private String migrationId;

    @BeforeAll
    void createSidecar() throws SQLException {
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, SIDECAR);
        }
        TestConnect.cluster();
    }

    @BeforeEach
    void createTables() throws SQLException {
        db = mysql.createDatabase("safety");
        String q = "`" + db + "`.";
        mysql.execute("CREATE TABLE " + q + "parted (id INT PRIMARY KEY, v VARCHAR(20)) PARTITION BY RANGE (id) "
                        + "(PARTITION p0 VALUES LESS THAN (100), PARTITION p1 VALUES LESS THAN MAXVALUE)",
                "CREATE TABLE " + q + "victim (id INT PRIMARY KEY, v VARCHAR(20))",
                "CREATE TABLE " + q + "users (id INT PRIMARY KEY, name VARCHAR(20), title VARCHAR(20))",
                "CREATE TABLE " + q + "parent (id INT PRIMARY KEY)",
                "INSERT INTO " + q + "parted VALUES (1, 'p-1'), (2, 'p-2'), (150, 'p-150')",
                "INSERT INTO " + q + "victim VALUES (7, 'v-7'), (8, 'v-8'), (9, 'v-9')",
                "INSERT INTO " + q + "users VALUES (1, 'ada', 'countess'), (2, 'alan', NULL)",
                "INSERT INTO " + q + "parent VALUES (1), (2)");
        migrationId = "safety-" + ProcessHandle.current().pid() + "-" + SEQUENCE.incrementAndGet();
    }

    @AfterEach
    void dropTables() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`",
                "DELETE FROM `" + SIDECAR + "`.`migrations` WHERE migration_id = '" + migrationId + "'",
                "DELETE FROM `" + SIDECAR + "`.`audit` WHERE migration_id = '" + migrationId + "'");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            parted EXCHANGE PARTITION p0 WITH TABLE {db}.victim                                       | EXCHANGE PARTITION p0 WITH TABLE
            users DROP COLUMN title /*!, RENAME TO {db}.pwned */                                      | an executable comment /*! ... */
            users DROP COLUMN title /*!50000 , ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES {db}.parent (id) */ | an executable comment /*!50000 ... */
            users ADD COLUMN b INT /*!, RENAME TO {db}.pwned */, ADD COLUMN c INT                     | an executable comment
            users ENGINE=MyISAM                                                                       | InnoDB tables only
            parted TRUNCATE PARTITION p0                                                              | every partition clause
            users PARTITION BY HASH (id) PARTITIONS 2                                                 | every partition clause
            parted REMOVE PARTITIONING                                                                | every partition clause
            users ADD COLUMN b INT, ALGORITHM=INPLACE, LOCK=NONE                                      | always rebuilds the table online
            users ADD COLUMN b INT /*+ SET_VAR(foreign_key_checks=0) */                              | an optimizer hint
            users ADD CONSTRAINT fk FOREIGN KEY (id) REFERENCES {db}.parent (id)                      | foreign keys are refused
            users ADD COLUMN p INT REFERENCES {db}.parent (id)                                       | REFERENCES in a column definition
            users RENAME TO {db}.pwned                                                                | renames the table itself
            users ADD COLUMN n INT DEFAULT ((SELECT COUNT(*) FROM {db}.victim))                       | a subquery
            users DISCARD TABLESPACE                                                                  | tablespace file
            """)
    void isRefusedBeforeAnythingRunsAndNoTableChanges(String change, String reason) throws Exception {
        String ddl = "ALTER TABLE `" + db + "`." + change.replace("{db}", "`" + db + "`");
        Map<String, String> before = DatabaseSnapshot.of(mysql, db);

        List<String> errors = ddlErrors(ddl);
        assertTrue(errors.stream().anyMatch(e -> e.contains(reason)), "validate() says '" + reason + "': " + errors);

        try (Connection c = mysql.connect()) {
            new MigrationAdmission(migrationId, SIDECAR, new Transitions(migrationId, new MySqlSidecar(() -> c, SIDECAR),
                    new AuditSignal(), Duration.ofMinutes(30)), 10_000).admit(c, ddl);
        }
        assertEquals("failed", mysql.value("SELECT state FROM `" + SIDECAR + "`.`migrations` WHERE migration_id = '"
                + migrationId + "'"), "the task refuses it too");
        String message = mysql.value("SELECT message FROM `" + SIDECAR + "`.`migrations` WHERE migration_id = '"
                + migrationId + "'");
        assertTrue(message.contains(reason), "the state row says '" + reason + "': " + message);

        assertEquals(before, DatabaseSnapshot.of(mysql, db), "no table created, renamed or changed");
        assertEquals(List.of("7", "8", "9"), mysql.column("SELECT id FROM `" + db + "`.`victim` ORDER BY id"),
                "the victim keeps its rows");
        assertEquals("0", mysql.value("SELECT COUNT(*) FROM information_schema.REFERENTIAL_CONSTRAINTS "
                + "WHERE CONSTRAINT_SCHEMA = '" + db + "'"), "no foreign key");
    }

    private List<String> ddlErrors(String ddl) {
        Map<String, String> config = mysql.connectionConfig();
        config.put("name", migrationId);
        config.put("connector.class", COORDINATOR);
        config.put("tasks.max", "1");
        config.put("migration.ddl", ddl);
        config.put("migration.target", "complete");
        for (ConfigInfo info : TestConnect.cluster().validateConnectorConfig(COORDINATOR, config).configs()) {
            if (info.configValue().name().equals("migration.ddl")) {
                return info.configValue().errors();
            }
        }
        throw new AssertionError("validate() returned no migration.ddl");
    }
}
