package dev.twoway.coordinator.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

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

    @Test
    void aGroupCutoverIsOneRenameInDeployOrderAndItsRevertOneRenameInReverseOrder() {
        MigrationRow b = MigrationRow.queued("m2", "shop", "orders", "ALTER TABLE shop.orders ADD COLUMN n INT",
                "orders_twdef_new", "orders_twdef_old", "[]");
        assertEquals("RENAME TABLE `shop`.`users` TO `shop`.`users_twabc_old`, `shop`.`users_twabc_new` TO `shop`.`users`, "
                + "`shop`.`orders` TO `shop`.`orders_twdef_old`, `shop`.`orders_twdef_new` TO `shop`.`orders`",
                RenameSwap.renameSql(SwapPlan.forward(List.of(ROW, b))));
        assertEquals("RENAME TABLE `shop`.`orders` TO `shop`.`orders_twdef_new`, `shop`.`orders_twdef_old` TO `shop`.`orders`, "
                + "`shop`.`users` TO `shop`.`users_twabc_new`, `shop`.`users_twabc_old` TO `shop`.`users`",
                RenameSwap.renameSql(SwapPlan.backward(List.of(ROW, b))));
    }

    @Test
    void aCreatedTableOnlyComesInAndADroppedOneOnlyGoesOut() {
        MigrationRow create = MigrationRow.queued("c", "shop", "notes", "CREATE TABLE shop.notes (id INT PRIMARY KEY)",
                "notes_tw1_new", "", "[]");
        MigrationRow drop = MigrationRow.queued("d", "shop", "legacy", "DROP TABLE shop.legacy", "", "legacy_tw2_old", "[]");
        SwapPlan forward = SwapPlan.forward(List.of(create, drop));
        assertEquals("RENAME TABLE `shop`.`notes_tw1_new` TO `shop`.`notes`, `shop`.`legacy` TO `shop`.`legacy_tw2_old`",
                RenameSwap.renameSql(forward));
        assertEquals(List.of("d"), forward.live().stream().map(SwapPlan.Member::migrationId).toList(),
                "only the dropped table is live before the cut-over");
        assertTrue(forward.streamed().isEmpty(), "neither has a stream for the sink");
        assertEquals("RENAME TABLE `shop`.`legacy_tw2_old` TO `shop`.`legacy`, `shop`.`notes` TO `shop`.`notes_tw1_new`",
                RenameSwap.renameSql(SwapPlan.backward(List.of(create, drop))));
    }
}
