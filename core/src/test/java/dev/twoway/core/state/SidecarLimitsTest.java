package dev.twoway.core.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

class SidecarLimitsTest {
    @Test
    void aMigrationIdFitsItsColumnOrIsRefusedWithItsLength() {
        assertEquals(Optional.empty(), SidecarLimits.migrationIdProblem("migration.id", "m".repeat(128)));
        String refused = SidecarLimits.migrationIdProblem("migration.id", "m".repeat(129)).orElseThrow();
        assertTrue(refused.contains("has 129 characters") && refused.contains("at most 128"), refused);
        assertTrue(SidecarLimits.migrationIdProblem("migration.id", " ").isPresent());
    }

    @Test
    void aSidecarDatabaseIsAPlainIdentifierOfAtMost64Characters() {
        assertEquals(Optional.empty(), SidecarLimits.databaseProblem("twoway.database", "_twoway"));
        assertEquals(Optional.empty(), SidecarLimits.databaseProblem("twoway.database", "a".repeat(64)));
        assertTrue(SidecarLimits.databaseProblem("twoway.database", "a".repeat(65)).orElseThrow().contains("65 characters"));
        for (String odd : new String[] {"tw`x", "tw;drop", "tw x", "tw.x", "twé", "tw-x", "tw$x", ""}) {
            assertTrue(SidecarLimits.databaseProblem("twoway.database", odd).isPresent(), odd);
        }
    }

    @Test
    void aStatementIsMeasuredInUtf8Bytes() {
        assertFalse(SidecarLimits.statementProblem("migration.ddl", "é".repeat(SidecarLimits.STATEMENT_BYTES / 2)).isPresent());
        String refused = SidecarLimits.statementProblem("migration.ddl", "é".repeat(SidecarLimits.STATEMENT_BYTES / 2 + 1))
                .orElseThrow();
        assertTrue(refused.contains((SidecarLimits.STATEMENT_BYTES + 2) + " bytes"), refused);
    }

    @Test
    void textTypesAndVarcharsCompareByWhatTheyHoldAndOtherFamiliesNot() {
        assertTrue(ColumnWidth.narrower("text", "mediumtext"));
        assertFalse(ColumnWidth.narrower("longtext", "mediumtext"), "never narrowed");
        assertFalse(ColumnWidth.narrower("mediumtext", "mediumtext"));
        assertTrue(ColumnWidth.narrower("varchar(64)", "varchar(128)"));
        assertFalse(ColumnWidth.narrower("varchar(255)", "varchar(128)"));
        assertFalse(ColumnWidth.narrower("bigint", "mediumtext"));
    }
}
