package dev.twoway.core.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

class AlterStatementTest {

    @Test
    void readsQualifiedTableAndChanges() {
        AlterStatement alter = AlterStatement.parse("ALTER TABLE `shop`.`users` DROP COLUMN title;", null);
        assertEquals("shop", alter.schema());
        assertEquals("users", alter.table());
        assertEquals("DROP COLUMN title", alter.changes());
        assertEquals("ALTER TABLE `shop`.`_users_new` DROP COLUMN title", alter.appliedTo("shop", "_users_new"));
    }

    @Test
    void unqualifiedTableTakesTheDefaultSchema() {
        AlterStatement alter = AlterStatement.parse("alter table users add column age int default 7", "shop");
        assertEquals("shop", alter.schema());
        assertEquals("users", alter.table());
    }

    @Test
    void unqualifiedTableWithoutDefaultSchemaIsRefused() {
        DdlException e = assertThrows(DdlException.class, () -> AlterStatement.parse("ALTER TABLE users DROP x", null));
        assertTrue(e.getMessage().contains("names no database"), e.getMessage());
    }

    @Test
    void findsRenamesFromChangeAndRenameColumn() {
        AlterStatement alter = AlterStatement.parse(
                "ALTER TABLE s.t CHANGE COLUMN `name` full_name varchar(80), RENAME COLUMN k TO kind, "
                        + "CHANGE c c char(200), MODIFY pad char(90), ADD INDEX (k, c)", null);
        assertEquals(Map.of("name", "full_name", "k", "kind"), alter.renames());
    }

    @Test
    void commasInsideParenthesesDoNotSplitClauses() {
        AlterStatement alter = AlterStatement.parse(
                "ALTER TABLE s.t ADD COLUMN price decimal(10,2) DEFAULT '1,5', RENAME COLUMN a TO b", null);
        assertEquals(Map.of("a", "b"), alter.renames());
    }

    @Test
    void refusesSeveralStatements() {
        DdlException e = assertThrows(DdlException.class,
                () -> AlterStatement.parse("ALTER TABLE s.t DROP x; DROP TABLE s.t", null));
        assertTrue(e.getMessage().contains("more than one statement"), e.getMessage());
    }

    @Test
    void semicolonInsideAStringIsNotASecondStatement() {
        AlterStatement alter = AlterStatement.parse("ALTER TABLE s.t ADD COLUMN x varchar(3) DEFAULT ';'", null);
        assertEquals("ADD COLUMN x varchar(3) DEFAULT ';'", alter.changes());
    }

    @Test
    void refusesOtherStatements() {
        DdlException e = assertThrows(DdlException.class, () -> AlterStatement.parse("DROP TABLE s.t", null));
        assertTrue(e.getMessage().contains("one ALTER TABLE statement"), e.getMessage());
    }

    @Test
    void refusesRenamingTheTable() {
        assertThrows(DdlException.class, () -> AlterStatement.parse("ALTER TABLE s.t RENAME TO s.u", null));
    }

    @Test
    void refusesForeignKeys() {
        DdlException e = assertThrows(DdlException.class, () -> AlterStatement.parse(
                "ALTER TABLE s.t ADD CONSTRAINT fk FOREIGN KEY (a) REFERENCES s.u (id)", null));
        assertTrue(e.getMessage().contains("foreign keys"), e.getMessage());
    }

    @Test
    void refusesEmptyAndNoChange() {
        assertThrows(DdlException.class, () -> AlterStatement.parse("  ", null));
        assertThrows(DdlException.class, () -> AlterStatement.parse("ALTER TABLE s.t", null));
    }
}
