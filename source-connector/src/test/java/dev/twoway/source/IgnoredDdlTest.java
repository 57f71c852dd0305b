package dev.twoway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.debezium.function.Predicates;
import io.debezium.util.Strings;

/** The filter as Debezium applies it: split on commas, each pattern matched whole, case-insensitive. */
class IgnoredDdlTest {
    private static final String LONG = "x".repeat(200_000);
    private final Predicate<String> ignored = Predicates.includes(IgnoredDdl.filter(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL);

    @Test
    void eventStatementsAsTheBinlogLogsThemAreNotParsed() {
        for (String ddl : List.of(
                "CREATE DEFINER=`root`@`localhost` EVENT `ops`.`nightly` ON SCHEDULE EVERY 1 DAY DISABLE DO BEGIN "
                        + "INSERT INTO `ops`.`log` (note) VALUES ('" + LONG + "'); END",
                "ALTER DEFINER=`root`@`localhost` EVENT `ops`.`nightly` ON SCHEDULE EVERY 2 DAY",
                "DROP EVENT IF EXISTS `ops`.`nightly`",
                "create event e on schedule every 1 hour do delete from t")) {
            assertTrue(ignored.test(ddl), () -> ddl.substring(0, Math.min(60, ddl.length())));
        }
    }

    @Test
    void storedProgramsWithADefinerDebeziumCannotReadAreNotParsed() {
        assertTrue(ignored.test("CREATE DEFINER=`app user`@`%` PROCEDURE `p`() BEGIN SELECT '" + LONG + "'; END"));
        assertTrue(ignored.test("CREATE ALGORITHM=UNDEFINED DEFINER='a b'@'%' SQL SECURITY DEFINER VIEW v AS SELECT 1"));
    }

    @Test
    void tableStatementsAreStillParsedEvenWhenTheyNameAnEventColumn() {
        for (String ddl : List.of("CREATE TABLE `shop`.`events` (`event` VARCHAR(10), `definer` INT)",
                "ALTER TABLE `shop`.`calendar` ADD COLUMN `event` INT COMMENT 'DEFINER=x EVENT'",
                "DROP TABLE `shop`.`event`", "CREATE DATABASE `event`", "RENAME TABLE a TO event")) {
            assertFalse(ignored.test(ddl), ddl);
        }
    }

    @Test
    void debeziumsOwnFilterIsKeptAndTwowaysPatternsSplitCleanly() {
        List<Pattern> debezium = Strings.listOfRegex(io.debezium.relational.history.SchemaHistory.DDL_FILTER
                .defaultValueAsString(), 0);
        assertEquals(debezium.size() + 2, Strings.listOfRegex(IgnoredDdl.filter(), 0).size());
        assertTrue(ignored.test("SAVEPOINT sp1"), "one of Debezium's own");
    }

    @Test
    void isTheDefaultAndAUserFilterWins() {
        assertEquals(IgnoredDdl.filter(), SourceDefaults.apply(java.util.Map.of()).get(IgnoredDdl.KEY));
        assertEquals("FLUSH.*", SourceDefaults.apply(java.util.Map.of(IgnoredDdl.KEY, "FLUSH.*")).get(IgnoredDdl.KEY));
    }
}
