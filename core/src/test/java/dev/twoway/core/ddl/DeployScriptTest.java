package dev.twoway.core.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import dev.twoway.core.state.MemberKind;

/** A deploy request's statements: each kind read, each judged on its own, reasons saying which statement. */
class DeployScriptTest {

    @Test
    void readsAlterCreateAndDropInOrderWithTheirTextsAsWritten() {
        List<DeployStatement> statements = DeployScript.parse("ALTER TABLE shop.users DROP COLUMN title;\n"
                + "CREATE TABLE shop.notes (id BIGINT PRIMARY KEY, body TEXT) ENGINE=InnoDB;\n"
                + "DROP TABLE `shop`.`legacy`;");
        assertEquals(List.of(MemberKind.ALTER, MemberKind.CREATE, MemberKind.DROP),
                statements.stream().map(DeployStatement::kind).toList());
        assertEquals(List.of("users", "notes", "legacy"), statements.stream().map(DeployStatement::table).toList());
        assertEquals(List.of(1, 2, 3), statements.stream().map(DeployStatement::position).toList());
        assertEquals("CREATE TABLE shop.notes (id BIGINT PRIMARY KEY, body TEXT) ENGINE=InnoDB", statements.get(1).text());
        assertEquals("DROP TABLE `shop`.`legacy`", statements.get(2).text());
    }

    @Test
    void aSingleStatementKeepsItsWholeTextAndItsOldWords() {
        List<DeployStatement> one = DeployScript.parse("ALTER TABLE shop.users DROP COLUMN title;");
        assertEquals("ALTER TABLE shop.users DROP COLUMN title;", one.get(0).text());
        assertRefused("ALTER TABLE users DROP x", "ALTER TABLE users names no database");
    }

    @Test
    void aCreatedTableIsBuiltUnderAnotherNameWithoutComments() {
        CreateStatement create = DeployScript.parse("CREATE TABLE shop.notes (id INT PRIMARY KEY, -- the key\n"
                + " n INT CHECK (n > 0)) COMMENT 'x'").get(0).create();
        assertEquals("CREATE TABLE `shop`.`notes_tw1_new` (id INT PRIMARY KEY,  \n n INT CHECK (n > 0)) COMMENT 'x'",
                create.createdAs("shop", "notes_tw1_new"));
    }

    @Test
    void aLikeOfATableOfTheSameDatabaseIsTakenAndTellsWhichTable() {
        CreateStatement create = DeployScript.parse("CREATE TABLE shop.notes2 LIKE shop.notes").get(0).create();
        assertEquals("notes", create.likeTable().orElseThrow());
        assertEquals("CREATE TABLE `shop`.`s` LIKE shop.notes", create.createdAs("shop", "s"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            CREATE TEMPORARY TABLE shop.t (id INT PRIMARY KEY)                                      | CREATE TEMPORARY TABLE is refused
            CREATE TABLE IF NOT EXISTS shop.t (id INT PRIMARY KEY)                                   | IF NOT EXISTS is refused
            CREATE TABLE t (id INT PRIMARY KEY)                                                      | names no database
            CREATE TABLE shop.t (id INT PRIMARY KEY, p INT, FOREIGN KEY (p) REFERENCES shop.u (id))  | foreign keys are refused
            CREATE TABLE shop.t (id INT PRIMARY KEY, p INT REFERENCES shop.u (id))                   | REFERENCES in a column definition
            CREATE TABLE shop.t (id INT PRIMARY KEY) ENGINE=MyISAM                                   | InnoDB tables only
            CREATE TABLE shop.t (id INT PRIMARY KEY) PARTITION BY HASH (id) PARTITIONS 2             | every partition clause
            CREATE TABLE shop.t (id INT PRIMARY KEY) SELECT id FROM shop.u                           | CREATE TABLE ... SELECT
            CREATE TABLE shop.t AS SELECT 1 AS id                                                    | CREATE TABLE ... SELECT
            CREATE TABLE shop.t (id INT PRIMARY KEY) UNION = (shop.a, shop.b)                        | UNION lists the tables
            CREATE TABLE shop.t (id INT PRIMARY KEY) DATA DIRECTORY = '/tmp'                         | DATA and INDEX DIRECTORY
            CREATE TABLE shop.t (id INT PRIMARY KEY, n INT DEFAULT ((SELECT 1 FROM shop.u)))         | a subquery
            CREATE TABLE shop.t (id INT PRIMARY KEY, n INT DEFAULT (@x))                              | a variable
            CREATE TABLE shop.t (id INT PRIMARY KEY, n INT AS (shop.f(id)))                          | qualified by a table or database
            CREATE TABLE shop.t LIKE other.u                                                         | copies a table of another database
            CREATE TABLE shop.t LIKE u                                                               | names no database: qualify the table it copies
            CREATE TABLE shop.t (id INT PRIMARY KEY) /*!50000 ENGINE=MyISAM */                       | executable comment
            DROP TEMPORARY TABLE shop.t                                                              | DROP TEMPORARY TABLE is refused
            DROP TABLE IF EXISTS shop.t                                                              | IF EXISTS is refused
            DROP TABLE shop.t, shop.u                                                                | give each table its own DROP TABLE
            DROP TABLE shop.t CASCADE                                                                | RESTRICT and CASCADE are refused
            DROP TABLE t                                                                             | names no database
            TRUNCATE TABLE shop.t                                                                    | takes ALTER TABLE, CREATE TABLE or DROP TABLE statements; this one starts with 'TRUNCATE TABLE'
            """)
    void isRefusedWithItsReason(String ddl, String reason) {
        assertRefused(ddl, reason);
    }

    @Test
    void everyStatementOfARequestIsJudgedAndEachReasonSaysWhichOne() {
        DdlException e = assertThrows(DdlException.class, () -> DeployScript.parse("ALTER TABLE shop.a ADD COLUMN x INT;"
                + " CREATE TABLE shop.b (id INT PRIMARY KEY) ENGINE=MyISAM; DROP TABLE IF EXISTS shop.c"));
        assertEquals(2, e.problems().size(), e.problems().toString());
        assertTrue(e.problems().get(0).startsWith("statement 2 (CREATE TABLE shop): "), e.problems().get(0));
        assertTrue(e.problems().get(1).startsWith("statement 3 (DROP TABLE IF): IF EXISTS"), e.problems().get(1));
    }

    @Test
    void anEmptyRequestSaysWhatItTakes() {
        assertRefused(" ", "give one or more ALTER TABLE, CREATE TABLE or DROP TABLE statements");
        assertRefused("-- nothing but a comment", "holds no statement");
    }

    private static void assertRefused(String ddl, String reason) {
        DdlException e = assertThrows(DdlException.class, () -> DeployScript.parse(ddl));
        assertTrue(e.getMessage().contains(reason), "'" + reason + "' in: " + e.getMessage());
    }
}
