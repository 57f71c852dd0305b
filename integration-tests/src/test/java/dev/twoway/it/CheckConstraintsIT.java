package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.TestConnect;

/**
 * CHECK constraints keep exactly the names MySQL's own ALTER gives them (issue 10, defect 5),
 * after the cut-over, after the revert and after the re-apply. The oracle is the same table,
 * under the same name, in a database of its own, changed by MySQL itself.
 */
class CheckConstraintsIT extends PipelineTest {
    private String oracle;

    @Override
    protected String databasePrefix() {
        return "checks";
    }

    @BeforeAll
    void createOracle() throws SQLException {
        oracle = mysql.createDatabase("checks_oracle");
    }

    @AfterAll
    void dropOracle() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + oracle + "`");
    }

    @Test
    void generatedNamesWithAGapInTheirNumbersAreKept() throws Exception {
        swapThreeTimes("gap", "ADD COLUMN c INT");
    }

    @Test
    void anAddedCheckGetsTheNumberMySqlGivesIt() throws Exception {
        swapThreeTimes("added", "ADD CHECK (a <> 7)");
    }

    @Test
    void anAddedCheckWithANameOfItsOwnKeepsIt() throws Exception {
        swapThreeTimes("named", "ADD CONSTRAINT c2 CHECK (a <> 8)");
    }

    @Test
    void aGeneratedCheckCanBeDroppedByItsName() throws Exception {
        swapThreeTimes("dropped", "DROP CHECK dropped_chk_1");
    }

    @Test
    void aCheckWithANameOfItsOwnCanBeReplacedInTheStatement() throws Exception {
        swapThreeTimes("own", "DROP CHECK own_positive, ADD CONSTRAINT own_positive_v2 CHECK (a > 1)");
    }

    @Test
    void aSurvivingCheckWithANameOfItsOwnIsRefusedAtValidationWithWhatToDo() throws Exception {
        create(db, "kept");
        List<String> errors = ddlErrors("ALTER TABLE `" + db + "`.`kept` ADD COLUMN c INT");
        assertEquals(1, errors.size(), errors.toString());
        assertTrue(errors.get(0).contains("has CHECK constraint `kept_positive`, whose name twoway cannot keep")
                && errors.get(0).contains("DROP CHECK `kept_positive`, ADD CONSTRAINT `new_name` CHECK (...)"), errors.get(0));
        assertEquals("0", mysql.value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME LIKE 'kept%' AND TABLE_NAME <> 'kept'"), "nothing created");
    }

    /**
     * A table whose generated checks have numbers 1, 3 and 4 (2 was dropped), and, when the table is
     * {@code own} or {@code kept}, a check named {@code <table>_positive} (check names are unique in a database).
     */
    private void create(String schema, String table) throws SQLException {
        String q = "`" + schema + "`.`" + table + "`";
        boolean own = table.equals("own") || table.equals("kept");
        mysql.execute("CREATE TABLE " + q + " (id INT PRIMARY KEY, a INT NOT NULL, b VARCHAR(20), CHECK (a > 0), "
                        + "CHECK (a < 1000), CHECK (a <> 13), CHECK (b <> 'x') NOT ENFORCED"
                        + (own ? ", CONSTRAINT `" + table + "_positive` CHECK (a >= 1)" : "") + ")",
                "ALTER TABLE " + q + " DROP CHECK `" + table + "_chk_2`",
                "SET SESSION cte_max_recursion_depth = 1000",
                "INSERT INTO " + q + " WITH RECURSIVE seq(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 500) "
                        + "SELECT n, n % 900 + 20, CONCAT('b-', n) FROM seq");
    }

    private void swapThreeTimes(String table, String change) throws Exception {
        create(db, table);
        create(oracle, table);
        mysql.execute("ALTER TABLE `" + oracle + "`.`" + table + "` " + change);
        String original = definition(db, table);
        String expected = definition(oracle, table);
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` " + change, "complete", Map.of());
        pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
        assertEquals(expected, definition(db, table), "after the cut-over: MySQL's own ALTER");
        assertEquals(rows(oracle, table), rows(db, table), "after the cut-over: MySQL's rows");
        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", Duration.ofMinutes(2));
        assertEquals(original, definition(db, table), "after the revert: the table as it was");
        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
        assertEquals(expected, definition(db, table), "after the re-apply: MySQL's own ALTER again");
    }

    private String definition(String schema, String table) throws SQLException {
        try (var c = mysql.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SHOW CREATE TABLE `" + schema + "`.`" + table + "`")) {
            rs.next();
            return rs.getString(2);
        }
    }

    private List<String> rows(String schema, String table) throws SQLException {
        List<String> columns = mysql.column("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                + schema + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION");
        String values = String.join(", ", columns.stream().map(c -> "IFNULL(`" + c + "`, 'NULL')").toList());
        return mysql.column("SELECT CONCAT_WS('|', " + values + ") FROM `" + schema + "`.`" + table + "` ORDER BY id");
    }

    private List<String> ddlErrors(String ddl) {
        Map<String, String> config = mysql.connectionConfig();
        config.put("name", "checks-validate");
        config.put("connector.class", MigrationPipeline.COORDINATOR);
        config.put("tasks.max", "1");
        config.put("migration.ddl", ddl);
        config.put("migration.target", "complete");
        for (ConfigInfo info : TestConnect.cluster().validateConnectorConfig(MigrationPipeline.COORDINATOR, config).configs()) {
            if (info.configValue().name().equals("migration.ddl")) {
                return info.configValue().errors();
            }
        }
        throw new AssertionError("validate() returned no migration.ddl");
    }
}
