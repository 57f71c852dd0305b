package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;

/**
 * One sink task serving several tables never waits on one migration's swap: a cutover marker the
 * coordinator has yet to settle holds that table's partition alone (its records after the marker
 * go to one table or the other depending on the outcome), and every other table flows, its own
 * migrations cutting over meanwhile. Once the marker is settled, the held table flows again from it.
 */
class SinkHoldsIT extends PipelineTest {
    private static final Duration STATE = Duration.ofMinutes(2);

    @Override
    protected String databasePrefix() {
        return "holds";
    }

    @Test
    void aSwapNotSettledHoldsOnlyItsTableWhileAnotherMigrationOnTheSameSinkTaskCutsOver() throws Exception {
        mysql.execute(create("held"), create("other"), "INSERT INTO `" + db + "`.`held` VALUES (1, 'a'), (2, 'b')",
                "INSERT INTO `" + db + "`.`other` VALUES (1, 'a'), (2, 'b')");
        String held = pipeline.migrate("ALTER TABLE `" + db + "`.`held` ADD COLUMN x INT", "ready", Map.of());
        Map<String, String> ready = pipeline.awaitState(held, "ready", STATE);
        TestConnect.deleteQuietly(held); // no coordinator will settle the marker below: wait until its lease is gone
        String lease = dev.twoway.coordinator.reconcile.ReconcilerLease.lockName(held);
        Poll.until(STATE, "the held migration's coordinator has stopped", () -> mysql.value(
                "SELECT IS_USED_LOCK('" + lease + "')") == null);
        String marker = insertPendingCutoverMarker(held);
        Poll.until(STATE, "the sink reaches cutover marker " + marker, () -> mysql.value(
                "SELECT reached_offset FROM `_twoway`.`markers` WHERE marker_id = " + marker) != null);
        mysql.execute("INSERT INTO `" + db + "`.`held` VALUES (3, 'after the marker')");

        long started = System.nanoTime();
        String other = pipeline.migrate("ALTER TABLE `" + db + "`.`other` ADD COLUMN y INT", "complete", Map.of());
        pipeline.awaitState(other, "complete", STATE);
        System.out.printf("the other migration cut over in %d ms while the held table waited%n",
                (System.nanoTime() - started) / 1_000_000);
        assertEquals(List.of("1", "2"), mysql.column("SELECT id FROM `" + db + "`.`" + ready.get("shadow_table")
                + "` ORDER BY id"), "the row after the marker waits for the swap's outcome");

        mysql.execute("UPDATE `_twoway`.`markers` SET outcome = 'aborted' WHERE marker_id = " + marker);
        Poll.until(STATE, "the held table flows again from the marker once it is settled", () -> mysql.column(
                "SELECT id FROM `" + db + "`.`" + ready.get("shadow_table") + "` ORDER BY id").equals(List.of("1", "2", "3")));
        pipeline.assertRunning();
    }

    /**
     * A rebalance while a partition is held (a new table's topic joins the sink's subscription):
     * Connect pauses the partition again on its new assignment, and the task must let it flow
     * once the marker is settled all the same.
     */
    @Test
    void aHeldTableFlowsAgainAfterARebalanceOnceItsMarkerIsSettled() throws Exception {
        mysql.execute(create("rebalanced"), "INSERT INTO `" + db + "`.`rebalanced` VALUES (1, 'a')");
        String held = pipeline.migrate("ALTER TABLE `" + db + "`.`rebalanced` ADD COLUMN x INT", "ready", Map.of());
        Map<String, String> ready = pipeline.awaitState(held, "ready", STATE);
        TestConnect.deleteQuietly(held);
        String lease = dev.twoway.coordinator.reconcile.ReconcilerLease.lockName(held);
        Poll.until(STATE, "the held migration's coordinator has stopped", () -> mysql.value(
                "SELECT IS_USED_LOCK('" + lease + "')") == null);
        String marker = insertPendingCutoverMarker(held, "rebalanced");
        Poll.until(STATE, "the sink reaches cutover marker " + marker, () -> mysql.value(
                "SELECT reached_offset FROM `_twoway`.`markers` WHERE marker_id = " + marker) != null);
        mysql.execute("INSERT INTO `" + db + "`.`rebalanced` VALUES (2, 'after the marker')");

        mysql.execute("CREATE TABLE `" + db + "`.`newcomer` (id BIGINT AUTO_INCREMENT PRIMARY KEY)");
        pipeline.awaitFollowed("newcomer", STATE);

        mysql.execute("UPDATE `_twoway`.`markers` SET outcome = 'aborted' WHERE marker_id = " + marker);
        Poll.until(STATE, "the held table flows again from the marker after the rebalance", () -> mysql.column(
                "SELECT id FROM `" + db + "`.`" + ready.get("shadow_table") + "` ORDER BY id").equals(List.of("1", "2")));
    }

    private String create(String table) {
        return "CREATE TABLE `" + db + "`.`" + table + "` (id INT PRIMARY KEY, v VARCHAR(20))";
    }

    /** A cutover marker of {@code migration}, as a coordinator inserts one under its lock, left pending. */
    private String insertPendingCutoverMarker(String migration) throws Exception {
        return insertPendingCutoverMarker(migration, "held");
    }

    private String insertPendingCutoverMarker(String migration, String table) throws Exception {
        mysql.execute("INSERT INTO `_twoway`.`markers` (migration_id, kind, table_schema, table_name, outcome) VALUES ('"
                + migration + "', 'cutover', '" + db + "', '" + table + "', 'pending')");
        return mysql.value("SELECT MAX(marker_id) FROM `_twoway`.`markers` WHERE migration_id = '" + migration + "'");
    }
}
