package dev.twoway.coordinator.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

class RevertRefusalTest {
    private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");
    private static final Instant UNTIL = Instant.parse("2026-01-01T12:30:00Z");
    private static final String LOSSY = "not revertible: the old table cannot hold a value of column name";

    private static MigrationRow row(MigrationState state, boolean revertible, Instant until, String message) {
        return new MigrationRow("m1", "shop", "users", "ALTER TABLE shop.users DROP COLUMN title", state, "stage",
                "users_new", "users_old", "[]", 0, 0, null, null, null, null, null, null, null, null, message, null,
                revertible, until, null, null, null, 1);
    }

    @Test
    void aCompleteRevertibleMigrationWithinItsWindowMayBeReverted() {
        assertEquals(Optional.empty(), RevertRefusal.reason(row(MigrationState.COMPLETE, true, UNTIL, null), NOW));
        assertEquals(Optional.empty(), RevertRefusal.reason(row(MigrationState.REVERTED, true, UNTIL, null), NOW));
    }

    @Test
    void notRevertibleKeepsTheSinksReasonAndDoesNotRepeatThePrefix() {
        String once = RevertRefusal.message(RevertRefusal.reason(row(MigrationState.COMPLETE, false, UNTIL, LOSSY), NOW)
                .orElseThrow());
        assertEquals("revert refused: " + LOSSY, once);
        assertEquals(Optional.of(LOSSY), RevertRefusal.reason(row(MigrationState.COMPLETE, false, UNTIL, once), NOW),
                "refusing again writes the same message");
    }

    @Test
    void finalizedNamesWhenTheWindowClosed() {
        String reason = RevertRefusal.reason(row(MigrationState.FINALIZED, true, UNTIL, null), NOW).orElseThrow();
        assertEquals("the revert window closed at 2026-01-01T12:30:00Z; the migration is finalized", reason);
        assertTrue(RevertRefusal.reason(row(MigrationState.COMPLETE, true, UNTIL, null), UNTIL.plusMillis(1))
                .orElseThrow().startsWith("the revert window closed at"));
    }

    @Test
    void nothingToRevertBeforeTheCutover() {
        assertTrue(RevertRefusal.reason(row(MigrationState.READY, true, null, null), NOW).orElseThrow()
                .contains("nothing to revert before the cut-over"));
        assertTrue(RevertRefusal.reason(row(MigrationState.CANCELLED, true, null, null), NOW).orElseThrow()
                .contains("is cancelled"));
    }
}
