package dev.twoway.coordinator.validate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.reconcile.Target;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MemberKind;
import dev.twoway.core.state.MigrationState;

class TargetRefusalTest {
    private static MigrationRow row(MigrationState state) {
        return new MigrationRow("m1", "shop", "users", "ALTER TABLE shop.users DROP COLUMN title", state, "stage",
                "users_new", "users_old", "[]", 0, 0, null, null, null, null, null, null, null, null, null, null,
                true, null, null, MemberKind.ALTER, "m1", 1);
    }

    @Test
    void cancelAndReadyAreTakenBeforeTheCutover() {
        for (MigrationState state : new MigrationState[] {MigrationState.QUEUED, MigrationState.RUNNING,
            MigrationState.READY}) {
            assertEquals(Optional.empty(), TargetRefusal.reason(row(state), Target.CANCELLED), state.toString());
            assertEquals(Optional.empty(), TargetRefusal.reason(row(state), Target.READY), state.toString());
        }
    }

    @Test
    void cancelAndReadyAfterTheCutoverAreRefusedWithWhatToAskInstead() {
        String cancel = TargetRefusal.reason(row(MigrationState.COMPLETE), Target.CANCELLED).orElseThrow();
        assertTrue(cancel.contains("'m1' is complete") && cancel.contains("cancelled cannot be asked for after the "
                + "cut-over") && cancel.contains("migration.target=reverted"), cancel);
        String ready = TargetRefusal.reason(row(MigrationState.REVERTED), Target.READY).orElseThrow();
        assertTrue(ready.contains("is reverted") && ready.contains("migration.target=complete"), ready);
        assertTrue(TargetRefusal.reason(row(MigrationState.FINALIZED), Target.CANCELLED).isPresent());
    }

    @Test
    void otherTargetsAreNotItsToJudge() {
        assertEquals(Optional.empty(), TargetRefusal.reason(row(MigrationState.COMPLETE), Target.COMPLETE));
        assertEquals(Optional.empty(), TargetRefusal.reason(row(MigrationState.COMPLETE), Target.REVERTED));
    }
}
