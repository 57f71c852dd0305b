package dev.twoway.core.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** How a statement is read: its table, its text as twoway runs it, statement counts and syntax errors. */
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
        assertRefused("ALTER TABLE users DROP x", "names no database");
    }

    @Test
    void quotedReservedAndNonAsciiNamesAreReadAsMySqlReadsThem() {
        AlterStatement alter = AlterStatement.parse("ALTER TABLE `my db`.`order` ADD COLUMN `select` INT AFTER `from`, "
                + "RENAME COLUMN `a``b` TO `ä ö`, RENAME COLUMN größe TO 日本, DROP COLUMN `desc`", null);
        assertEquals("my db", alter.schema());
        assertEquals("order", alter.table());
        assertEquals(List.of("select"), alter.columnChanges().added());
        assertEquals(Map.of("a`b", "ä ö", "größe", "日本"), alter.columnChanges().renames());
        assertEquals(List.of("desc"), alter.columnChanges().dropped());
        assertEquals("ALTER TABLE `x`.`y` ADD COLUMN `select` INT AFTER `from`, RENAME COLUMN `a``b` TO `ä ö`, "
                + "RENAME COLUMN größe TO 日本, DROP COLUMN `desc`", alter.appliedTo("x", "y"));
    }

    @Test
    void aReservedWordUnquotedIsASyntaxError() {
        assertRefused("ALTER TABLE s.t ADD COLUMN select INT", "syntax error at line 1, column 28 at 'select'");
    }

    @Test
    void commentsAreDroppedFromWhatTwowayRuns() {
        AlterStatement alter = AlterStatement.parse("/* before */ ALTER TABLE s.t # why\n DROP COLUMN /* which */title, "
                + "-- and this\n ADD COLUMN b INT /**/ DEFAULT 1 -- at the end", null);
        assertEquals("DROP COLUMN  title,  \n ADD COLUMN b INT   DEFAULT 1", alter.changes());
    }

    @Test
    void stringsKeepTheirTextExactly() {
        AlterStatement alter = AlterStatement.parse("ALTER TABLE s.t ADD COLUMN x varchar(30) DEFAULT 'it''s /*! a */ \\' b' "
                + "COMMENT \"say \"\"hi\"\" -- not a comment\"", null);
        assertEquals("ADD COLUMN x varchar(30) DEFAULT 'it''s /*! a */ \\' b' COMMENT \"say \"\"hi\"\" -- not a comment\"",
                alter.changes());
    }

    @Test
    void semicolonInsideAStringIsNotASecondStatement() {
        AlterStatement alter = AlterStatement.parse("ALTER TABLE s.t ADD COLUMN x varchar(3) DEFAULT ';'", null);
        assertEquals("ADD COLUMN x varchar(3) DEFAULT ';'", alter.changes());
    }

    @Test
    void refusesSeveralStatements() {
        assertRefused("ALTER TABLE s.t DROP x; DROP TABLE s.t", "more than one statement (2; the second starts at line 1, "
                + "column 25)");
        assertRefused("ALTER TABLE s.t DROP x; ALTER TABLE s.t DROP y;", "more than one statement");
    }

    @Test
    void refusesOtherStatements() {
        assertRefused("DROP TABLE s.t", "must be one ALTER TABLE statement; it starts with 'DROP TABLE'");
        assertRefused("ALTER DATABASE s CHARACTER SET utf8mb4", "must be one ALTER TABLE statement");
        assertRefused("ALTER VIEW s.v AS SELECT 1", "must be one ALTER TABLE statement");
    }

    @Test
    void refusesEmptyAndNoChange() {
        assertRefused("  ", "is empty");
        assertRefused("-- nothing", "holds no statement");
        assertRefused("ALTER TABLE s.t", "changes nothing");
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "ALTER TABLE s.t DROP COLUM x",
            "ALTER TABLE s.t ADD COLUMN x INT DEFAULT",
            "ALTER TABLE s.t ADD COLUMN x VARCHAR(10) DEFAULT 'unterminated",
            "ALTER TABLE s.t MODIFY x INT,, DROP y",
            "ALTER TABLE s.t RENAME COLUMN a b"})
    void syntaxErrorsSayWhereAndAtWhat(String ddl) {
        DdlException e = assertThrows(DdlException.class, () -> AlterStatement.parse(ddl, null));
        assertTrue(e.getMessage().matches("syntax error at line 1, column \\d+.*"), e.getMessage());
    }

    @Test
    void aSyntaxErrorOnALaterLineGivesThatLine() {
        DdlException e = assertThrows(DdlException.class,
                () -> AlterStatement.parse("ALTER TABLE s.t\n  ADD COLUMN a INT,\n  RENAME COLUMN b c", null));
        assertEquals("syntax error at line 3, column 19 at 'c' (expected TO)", e.getMessage());
    }

    @Test
    void aSyntaxErrorAtTheEndSaysTheStatementEndsTooEarly() {
        assertRefused("ALTER TABLE s.t ADD COLUMN", "the statement ends too early");
    }

    static void assertRefused(String ddl, String expected) {
        DdlException e = assertThrows(DdlException.class, () -> AlterStatement.parse(ddl, null), ddl);
        assertTrue(e.getMessage().contains(expected), "expected '" + expected + "' in: " + e.getMessage());
    }
}
