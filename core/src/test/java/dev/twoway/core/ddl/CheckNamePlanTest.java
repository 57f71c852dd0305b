package dev.twoway.core.ddl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The shadow's CHECK names, chosen so that a RENAME gives the table exactly MySQL's names. */
class CheckNamePlanTest {
    private static final String SHADOW = "t_tw0a1b2c_new";
    private static final List<String> RENAMED_TO = List.of(SHADOW, "t_tw0a1b2c_old", "t_tw0a1b2c_hold_20260101000000");

    private static CheckNamePlan plan(List<String> checks, String change) {
        return new CheckNamePlan("t", SHADOW, checks, AlterStatement.parse("ALTER TABLE s.t " + change, null).checkChanges());
    }

    @Test
    void generatedNamesKeepTheirNumberGapsIncluded() {
        CheckNamePlan plan = plan(List.of("t_chk_1", "t_chk_3"), "ADD COLUMN a INT");
        assertEquals(SHADOW + "_chk_1", plan.onTarget("t_chk_1"));
        assertEquals(SHADOW + "_chk_3", plan.onTarget("t_chk_3"));
        assertEquals(List.of(), plan.problems("s", RENAMED_TO));
    }

    @Test
    void theStatementNamesTheShadowsChecks() {
        CheckNamePlan plan = plan(List.of("t_chk_1", "T_CHK_2"), "DROP CHECK t_chk_1, ALTER CHECK T_CHK_2 NOT ENFORCED");
        assertEquals(SHADOW + "_chk_1", plan.inStatement("t_chk_1"));
        assertEquals(SHADOW + "_chk_2", plan.inStatement("T_CHK_2"));
    }

    @Test
    void aNewCheckKeepsItsOwnNameAndANewGeneratedFormNameFollowsTheTable() {
        CheckNamePlan plan = plan(List.of(), "ADD CONSTRAINT c2 CHECK (a > 0), ADD CONSTRAINT t_chk_9 CHECK (a < 9)");
        assertEquals("c2", plan.inStatement("c2"));
        assertEquals(SHADOW + "_chk_9", plan.inStatement("t_chk_9"));
        assertEquals(List.of(), plan.problems("s", RENAMED_TO));
    }

    @Test
    void aCheckOfItsOwnThatTheStatementDropsPassesUnderAnotherNameOnTheShadow() {
        CheckNamePlan plan = plan(List.of("check_1", "t_chk_2"), "DROP CHECK check_1");
        String passing = plan.onTarget("check_1");
        assertEquals(passing, plan.inStatement("check_1"), "the statement drops it under the name the shadow gave it");
        assertTrue(!passing.equalsIgnoreCase("check_1") && !passing.startsWith(SHADOW + "_chk_") && passing.length() <= 64,
                passing);
        assertEquals(List.of(), plan.problems("s", RENAMED_TO));
    }

    @Test
    void aCheckOfItsOwnThatSurvivesIsRefusedWithWhatToDo() {
        CheckNamePlan plan = plan(List.of("check_1", "t_chk_2"), "ADD COLUMN a INT");
        List<String> problems = plan.problems("s", RENAMED_TO);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("`check_1`") && problems.get(0).contains("unique in a database")
                && problems.get(0).contains("DROP CHECK `check_1`, ADD CONSTRAINT `new_name` CHECK"), problems.get(0));
        assertThrows(DdlException.class, () -> plan.onTarget("check_1"), "and the shadow is never built with it");
    }

    @Test
    void aCheckOfItsOwnDroppedAndAddedUnderItsNameIsRefused() {
        List<String> problems = plan(List.of("check_1"), "DROP CHECK check_1, ADD CONSTRAINT check_1 CHECK (a > 1)")
                .problems("s", RENAMED_TO);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("cannot be dropped and added again under its own name"), problems.get(0));
    }

    @Test
    void generatedNamesThatWouldGrowOverSixtyFourCharactersAreRefused() {
        String table = "t".repeat(30);
        String hold = table + "_tw0a1b2c_hold_20260101000000";
        CheckNamePlan plan = new CheckNamePlan(table, table + "_tw0a1b2c_new", List.of(table + "_chk_1"),
                AlterStatement.parse("ALTER TABLE s.t ADD COLUMN a INT", null).checkChanges());
        List<String> problems = plan.problems("s", List.of(table + "_tw0a1b2c_new", hold));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains(hold + "_chk_1, 65 characters"), problems.get(0));
    }

    @Test
    void longNamesWithoutGeneratedChecksAreFine() {
        String table = "t".repeat(50);
        assertEquals(List.of(), new CheckNamePlan(table, table + "_new", List.of("own"),
                AlterStatement.parse("ALTER TABLE s.t DROP CHECK own", null).checkChanges())
                .problems("s", List.of(table + "_tw0a1b2c_hold_20260101000000")));
    }
}
