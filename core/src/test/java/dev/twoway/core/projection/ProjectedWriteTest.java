package dev.twoway.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

class ProjectedWriteTest {

    @Test
    void upsertWritesOnlyTheProjectedColumnsAndNeverUpdatesAnotherRowThanItsOwn() {
        assertEquals("INSERT INTO `s`.`t` (`id`, `na``me`) VALUES (?, ?), (?, ?) AS _twoway_row "
                        + "ON DUPLICATE KEY UPDATE `s`.`t`.`id` = IF(`s`.`t`.`id` <=> _twoway_row.`id`, `s`.`t`.`id`, (SELECT 1 UNION ALL SELECT 1)), "
                        + "`na``me` = _twoway_row.`na``me`",
                ProjectedWrite.upsert("s", "t", List.of("id", "na`me"), List.of("id"), List.of(), 2));
    }

    @Test
    void upsertKeepsTheOnUpdateColumnsItDoesNotWrite() {
        assertEquals("INSERT INTO `s`.`t` (`a`, `b`, `v`) VALUES (?, ?, ?) AS _twoway_row "
                        + "ON DUPLICATE KEY UPDATE `s`.`t`.`a` = IF(`s`.`t`.`a` <=> _twoway_row.`a` AND `s`.`t`.`b` <=> _twoway_row.`b`, "
                        + "`s`.`t`.`a`, (SELECT 1 UNION ALL SELECT 1)), "
                        + "`v` = _twoway_row.`v`, `touched` = `touched`",
                ProjectedWrite.upsert("s", "t", List.of("a", "b", "v"), List.of("a", "b"), List.of("touched"), 1));
    }

    @Test
    void deleteMatchesWholeKeys() {
        assertEquals("DELETE FROM `s`.`t` WHERE (`a`, `b`) IN ((?, ?), (?, ?))",
                ProjectedWrite.delete("s", "t", List.of("a", "b"), 2));
    }

    @Test
    void aStagedUpsertConvertsInTheServerAsTheCopyDoes() {
        StagedWrite staged = new StagedWrite("s", "_twoway_stage_1", List.of("int", "int"), List.of("%s", "CAST(%s AS CHAR)"));
        assertEquals("CREATE TEMPORARY TABLE IF NOT EXISTS `s`.`_twoway_stage_1` (`_twoway_seq` INT NOT NULL, "
                + "`c0` int NULL, `c1` int NULL, PRIMARY KEY (`_twoway_seq`)) ENGINE=InnoDB", staged.create());
        assertEquals("INSERT INTO `s`.`_twoway_stage_1` (`_twoway_seq`, `c0`, `c1`) VALUES (?, ?, ?), (?, ?, ?)",
                staged.stage(2));
        assertEquals("INSERT INTO `s`.`t_new` (`id`, `j`) SELECT _twoway_stage.`c0`, CAST(_twoway_stage.`c1` AS CHAR) "
                + "FROM `s`.`_twoway_stage_1` AS _twoway_stage ORDER BY _twoway_stage.`_twoway_seq` ON DUPLICATE KEY UPDATE "
                + "`id` = IF(`id` <=> _twoway_stage.`c0`, `id`, (SELECT 1 UNION ALL SELECT 1)), `j` = CAST(_twoway_stage.`c1` AS CHAR)",
                staged.apply("t_new", List.of("id", "j"), List.of("id"), List.of()));
    }

    @Test
    void aStagedUpsertOfAMigrationWhoseValuesDoNotDependOnTheZoneConvertsInUtcByAHint() {
        StagedWrite staged = new StagedWrite("s", "_twoway_stage_1", List.of("int", "timestamp"), List.of("%s", "%s"),
                false);
        assertTrue(staged.apply("t_new", List.of("id", "at"), List.of("id"), List.of())
                .startsWith("INSERT /*+ SET_VAR(time_zone = '+00:00') */ INTO `s`.`t_new` (`id`, `at`) SELECT "));
        assertTrue(staged.selectConverted().startsWith("SELECT /*+ SET_VAR(time_zone = '+00:00') */ _twoway_stage.`c0`"));
        assertFalse(new StagedWrite("s", "_twoway_stage_1", List.of("int"), List.of("%s"))
                .apply("t_new", List.of("id"), List.of("id"), List.of()).contains("SET_VAR"), "the server's zone: no hint");
    }
}
