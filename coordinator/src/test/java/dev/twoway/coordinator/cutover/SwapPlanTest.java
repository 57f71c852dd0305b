package dev.twoway.coordinator.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

class SwapPlanTest {
    private static final MigrationRow ROW = MigrationRow.queued("m1", "shop", "users", "ALTER TABLE shop.users DROP COLUMN title",
            "users_twabc_new", "users_twabc_old", "[]");

    @Test
    void cutoverParksTheLiveTableAsOldAndBringsTheShadowIn() {
        SwapPlan plan = SwapPlan.forward(ROW);
        assertEquals(MarkerKind.CUTOVER, plan.marker());
        assertEquals(MigrationState.COMPLETE, plan.to());
        assertEquals("users_twabc_old", plan.parking());
        assertEquals("RENAME TABLE `shop`.`users` TO `shop`.`users_twabc_old`, `shop`.`users_twabc_new` TO `shop`.`users`",
                RenameSwap.renameSql(plan));
    }

    @Test
    void revertParksTheLiveTableUnderTheShadowsNameAndBringsTheOldTableBack() {
        SwapPlan plan = SwapPlan.backward(ROW);
        assertEquals(MarkerKind.REVERT, plan.marker());
        assertEquals(MigrationState.REVERTED, plan.to());
        assertEquals("users_twabc_new", plan.parking(), "the sentry of a revert is named shadow_table");
        assertEquals("RENAME TABLE `shop`.`users` TO `shop`.`users_twabc_new`, `shop`.`users_twabc_old` TO `shop`.`users`",
                RenameSwap.renameSql(plan));
        assertEquals("reverted: tables swapped; users has the old schema, users_twabc_new the new one", plan.doneStage());
    }

    @Test
    void aSwapMarkerNamesItsDirection() {
        assertEquals(SwapPlan.forward(ROW), SwapPlan.of(MarkerKind.CUTOVER, ROW));
        assertEquals(SwapPlan.backward(ROW), SwapPlan.of(MarkerKind.REVERT, ROW));
    }
}
