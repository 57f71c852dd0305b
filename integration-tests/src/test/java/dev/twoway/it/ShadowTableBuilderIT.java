package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.step.ShadowTableBuilder;
import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.it.support.TestMySql;

/**
 * The shadow is the table's own definition under another name (not CREATE TABLE ... LIKE, which
 * renames checks), read and run in MySQL's default lexical mode whatever the session's.
 */
class ShadowTableBuilderIT {
    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;

    @BeforeEach
    void createDatabase() throws SQLException {
        db = mysql.createDatabase("shadowb");
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`");
    }

    @Test
    void theShadowOfFORCEIsTheTableUnderAnotherNameWithItsChecksNumberedAlike() throws Exception {
        mysql.execute("CREATE TABLE `" + db + "`.`cx` (id INT NOT NULL AUTO_INCREMENT, a INT, "
                + "b VARCHAR(20) COMMENT 'a */ b /*! c', h INT INVISIBLE, g INT AS (a + 1) VIRTUAL, "
                + "PRIMARY KEY (id), KEY fx ((a * 2)), CHECK (b <> '*/') NOT ENFORCED, "
                + "CHECK (a < 1000), CHECK (a <> 5)) COMMENT='t */ x' PARTITION BY RANGE (id) "
                + "(PARTITION p0 VALUES LESS THAN (10) COMMENT = 'p */ q', PARTITION p1 VALUES LESS THAN MAXVALUE)",
                "ALTER TABLE `" + db + "`.`cx` DROP CHECK cx_chk_2",
                "INSERT INTO `" + db + "`.`cx` (a, b) VALUES (1, 'x'), (2, 'y')");
        try (Connection c = mysql.connect()) {
            AlterStatement force = AlterStatement.parse("ALTER TABLE `" + db + "`.`cx` FORCE", null);
            new ShadowTableBuilder(c).create(force, "cx_tw000000_new");
        }
        String expected = definition("cx").replace("CREATE TABLE `cx`", "CREATE TABLE `cx_tw000000_new`")
                .replace("`cx_chk_", "`cx_tw000000_new_chk_").replaceAll(" AUTO_INCREMENT=\\d+", "");
        assertTrue(expected.contains("cx_tw000000_new_chk_3") && !expected.contains("cx_tw000000_new_chk_2"), expected);
        assertEquals(expected, definition("cx_tw000000_new").replaceAll(" AUTO_INCREMENT=\\d+", ""));
    }

    @Test
    void aSessionWithAnsiQuotesRunsTheStatementAsTwowayReadItAndGetsItsModeBack() throws Exception {
        mysql.execute("CREATE TABLE `" + db + "`.`users` (id INT PRIMARY KEY, name VARCHAR(20))");
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',ANSI_QUOTES,PIPES_AS_CONCAT'), "
                    + "SESSION sql_quote_show_create = 0");
            AlterStatement change = AlterStatement.parse("ALTER TABLE `" + db + "`.`users` "
                    + "ADD COLUMN note VARCHAR(20) DEFAULT \"it's \\\"here\\\"\", ADD COLUMN `order` INT", null);
            new ShadowTableBuilder(c).create(change, "users_tw000000_new");
            try (var rs = s.executeQuery("SELECT @@SESSION.sql_mode, @@SESSION.sql_quote_show_create")) {
                rs.next();
                assertTrue(rs.getString(1).contains("ANSI_QUOTES") && rs.getString(1).contains("PIPES_AS_CONCAT"),
                        "the session's mode is back: " + rs.getString(1));
                assertEquals("0", rs.getString(2));
            }
        }
        assertEquals("it's \"here\"", mysql.value("SELECT COLUMN_DEFAULT FROM information_schema.COLUMNS WHERE "
                + "TABLE_SCHEMA = '" + db + "' AND TABLE_NAME = 'users_tw000000_new' AND COLUMN_NAME = 'note'"),
                "a double-quoted string is a string, as twoway read it");
    }

    private String definition(String table) throws SQLException {
        try (Connection c = mysql.connect(); Statement s = c.createStatement();
             var rs = s.executeQuery("SHOW CREATE TABLE `" + db + "`.`" + table + "`")) {
            rs.next();
            return rs.getString(2);
        }
    }
}
