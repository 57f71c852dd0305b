package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

import dev.twoway.core.state.CopyRangeStore;
import dev.twoway.core.state.MarkerOutcome;

class JournalApplierTest {
    private static final TopicPartition P0 = new TopicPartition(Records.TOPIC, 0);
    private static final String SHADOW = "INSERT INTO `shop`.`_users_new`";
    private static final String OLD = "INSERT INTO `shop`.`_users_old`";

    private final FakeSinkDatabase database = new FakeSinkDatabase().withUsersMigration("m1");
    private final ProgressLedger ledger = new ProgressLedger();
    private final JournalApplier applier = new JournalApplier(database, ledger, new BatchWriter(database, 100));

    @Test
    void recordsBeforeTheStartMarkerAreNotApplied() throws SQLException {
        applier.apply(List.of(Records.upsertOld(0, 1, "a", "t"), Records.marker(1, "start", 10, "m1"),
                Records.upsertOld(2, 2, "b", "t")));
        assertEquals(List.of(SHADOW), database.committedShapes());
        assertEquals(List.of(2L, "b"), database.committedStatements.get(0).parameters());
        assertEquals(new PartitionProgress(3, "uuid:2", Route.forward("m1")), database.committedProgress.get(P0));
        assertEquals(1L, database.committedReached.get(10L));
    }

    @Test
    void upsertsOfRowsTheCopyHasYetToReadAreSkippedDeletesAndOtherRowsAreWritten() throws SQLException {
        // keys (0, 100] copied through 40, (100, 200] through 150; 300 lies beyond the copy's end
        database.copyRanges.put("m1", List.of(new CopyRangeStore.Range(0, 0, 100, 40, 40),
                new CopyRangeStore.Range(1, 100, 200, 150, 50)));
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 40, "copied", "t"),
                Records.upsertOld(2, 41, "ahead", "t"), Records.upsertOld(3, 150, "copied", "t"),
                Records.upsertOld(4, 151, "ahead", "t"), Records.deleteOld(5, 99), Records.upsertOld(6, 300, "new", "t")));

        List<Object> written = database.committedStatements.stream().flatMap(s -> s.parameters().stream())
                .filter(Long.class::isInstance).toList();
        assertEquals(List.of(40L, 150L, 99L, 300L), written, "41 and 151 are left to the copy, which reads them later");
        assertEquals(new PartitionProgress(7, "uuid:6", Route.forward("m1")), database.committedProgress.get(P0),
                "a skipped record is applied as far as progress goes");
    }

    @Test
    void onceItsCopyIsSeenOverTheRangesAreReadNoMore() throws SQLException {
        database.copyRanges.put("m1", List.of(new CopyRangeStore.Range(0, 0, 100, 40, 40)));
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 41, "ahead", "t")));
        database.copyRanges.remove("m1");
        applier.apply(List.of(Records.upsertOld(2, 41, "copied", "t")));
        applier.apply(List.of(Records.upsertOld(3, 42, "copied", "t")));

        assertEquals(2, database.copyRangeReads, "read while copying and once to see it over, not after");
        assertEquals(List.of(41L, 42L), database.committedStatements.stream().flatMap(s -> s.parameters().stream())
                .filter(Long.class::isInstance).toList(), "written since the copy is over");
    }

    @Test
    void withoutCopyRangesEveryForwardChangeIsWritten() throws SQLException {
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 41, "a", "t")));
        assertEquals(List.of(SHADOW), database.committedShapes());
    }

    @Test
    void upsertWritesOnlyMappedColumns() throws SQLException {
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 1, "a", "title kept")));
        String sql = database.committedStatements.get(0).sql();
        assertTrue(sql.startsWith("INSERT INTO `shop`.`_users_new` (`id`, `name`) VALUES (?, ?)"), sql);
        assertTrue(!sql.contains("title"), sql);
    }

    @Test
    void cutoverDoneSendsLaterRecordsInverse() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.DONE);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 1, "a", "t"),
                Records.marker(2, "cutover", 20, "m1"), Records.insertNew(3, 2, "b")));
        assertEquals(List.of(SHADOW, OLD), database.committedShapes());
        assertEquals(new PartitionProgress(4, "uuid:3", Route.inverse("m1")), database.committedProgress.get(P0));
        assertEquals(2L, database.committedReached.get(20L));
    }

    @Test
    void rowsBeforeASwapMarkerTheCoordinatorHasYetToSettleCommitWithTheMarkerReached() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.PENDING);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 1, "a", "t"),
                Records.marker(2, "cutover", 20, "m1")));
        assertEquals(List.of(SHADOW), database.committedShapes());
        assertEquals(2L, database.committedReached.get(20L), "reached, in the same transaction as the rows before it");
        assertEquals(new PartitionProgress(2, "uuid:1", Route.forward("m1")), database.committedProgress.get(P0),
                "the progress stays at the marker: it is read again once settled");
        assertEquals(List.of(new HeldPartitions.Hold(P0, new MarkerEvent(dev.twoway.core.state.MarkerKind.CUTOVER, 20,
                "m1"), 2)), applier.newlyHeld());
    }

    @Test
    void aChecksumMarkerHoldsThePartitionUntilSettledAndKeepsTheRoute() throws SQLException {
        database.outcomes.put(30L, MarkerOutcome.PENDING);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 1, "a", "t"),
                Records.marker(2, "checksum", 30, "m1"), Records.upsertOld(3, 2, "b", "t")));
        assertEquals(List.of(SHADOW), database.committedShapes(), "nothing after the checksum's position is written");
        assertEquals(2L, database.committedReached.get(30L), "reached with the rows before it");
        assertEquals(new PartitionProgress(2, "uuid:1", Route.forward("m1")), database.committedProgress.get(P0));
        assertEquals(List.of(P0), applier.newlyHeld().stream().map(HeldPartitions.Hold::partition).toList());

        database.outcomes.put(30L, MarkerOutcome.DONE);
        assertEquals(List.of(P0), applier.released());
        applier.apply(List.of(Records.marker(2, "checksum", 30, "m1"), Records.upsertOld(3, 2, "b", "t")));
        assertEquals(List.of(SHADOW, SHADOW), database.committedShapes(), "forward still, once released");
        assertEquals(Route.forward("m1"), database.committedProgress.get(P0).route());
    }

    @Test
    void aCutoverMarkerWithoutItsStartMarkerIsLeftUnreached() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.DONE);
        applier.apply(List.of(Records.upsertOld(0, 1, "a", "t"), Records.marker(1, "cutover", 20, "m1"),
                Records.insertNew(2, 2, "b")));
        assertEquals(null, database.committedReached.get(20L), "not vouched for: the shadow missed the changes");
        assertEquals(List.of(), database.committedShapes(), "nothing applied, neither way");
        assertEquals(new PartitionProgress(3, "uuid:2", null), database.committedProgress.get(P0));
    }

    @Test
    void cutoverAbortedKeepsRoutingForward() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.ABORTED);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.marker(1, "cutover", 20, "m1"),
                Records.upsertOld(2, 1, "a", "t")));
        assertEquals(List.of(SHADOW), database.committedShapes());
        assertEquals(Route.forward("m1"), database.committedProgress.get(P0).route());
    }

    @Test
    void aSwapNotSettledHoldsOnlyItsPartitionWhichIsReadAgainFromTheMarkerOnceSettled() throws SQLException {
        database.withUsersMigration("m2");
        TopicPartition p1 = new TopicPartition("tw.shop.other", 0);
        database.outcomes.put(20L, MarkerOutcome.PENDING);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 1, "a", "t"),
                Records.marker(2, "cutover", 20, "m1"), Records.onTopic(Records.marker(0, "start", 40, "m2"), p1.topic()),
                Records.insertNew(3, 2, "b"), Records.onTopic(Records.upsertOld(1, 7, "z", "t"), p1.topic())));
        assertEquals(List.of(SHADOW, SHADOW), database.committedShapes(), "the other partition flows; nothing after the "
                + "held marker is written");
        assertEquals(List.of(P0), applier.newlyHeld().stream().map(HeldPartitions.Hold::partition).toList());
        assertEquals(new PartitionProgress(2, "uuid:1", Route.forward("m1")), database.committedProgress.get(P0));
        assertEquals(new PartitionProgress(2, "uuid:1", Route.forward("m2")), database.committedProgress.get(p1));
        assertEquals(List.of(), applier.released(), "still not settled");
        assertTrue(applier.holding());

        database.outcomes.put(20L, MarkerOutcome.DONE);
        assertEquals(List.of(P0), applier.released());
        applier.apply(List.of(Records.marker(2, "cutover", 20, "m1"), Records.insertNew(3, 2, "b")));
        assertEquals(List.of(SHADOW, SHADOW, OLD), database.committedShapes(), "from the marker on, inverse, once");
        assertEquals(new PartitionProgress(4, "uuid:3", Route.inverse("m1")), database.committedProgress.get(P0));
    }

    @Test
    void aHoldOfABatchRolledBackNeverWas() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.PENDING);
        database.failOn = SHADOW;
        database.failure = new SQLException("Lock wait timeout exceeded", "HY000", 1205);
        assertThrows(SQLException.class, () -> applier.apply(List.of(Records.marker(0, "start", 10, "m1"),
                Records.marker(1, "cutover", 20, "m1"), Records.onTopic(Records.marker(0, "start", 40, "m1"), "tw.shop.other"),
                Records.onTopic(Records.upsertOld(1, 7, "z", "t"), "tw.shop.other"))));
        applier.discard();
        ledger.rolledBack();
        assertEquals(List.of(), applier.newlyHeld());
        assertTrue(!applier.holding());
    }

    @Test
    void revertDoneRoutesForwardAgain() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.DONE);
        database.outcomes.put(30L, MarkerOutcome.DONE);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.marker(1, "cutover", 20, "m1"),
                Records.insertNew(2, 1, "a"), Records.marker(3, "revert", 30, "m1"), Records.upsertOld(4, 1, "a", "t")));
        assertEquals(List.of(OLD, SHADOW), database.committedShapes());
    }

    @Test
    void stopRoutesNowhere() throws SQLException {
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.marker(1, "stop", 11, "m1"),
                Records.upsertOld(2, 1, "a", "t")));
        assertEquals(List.of(), database.committedShapes());
        assertEquals(new PartitionProgress(3, "uuid:2", null), database.committedProgress.get(P0));
    }

    @Test
    void redeliveredRecordsAreNotAppliedAgain() throws SQLException {
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 1, "a", "t")));
        applier.apply(List.of(Records.upsertOld(1, 1, "a", "t"), Records.upsertOld(2, 1, "b", "t")));
        assertEquals(2, database.committedStatements.size());
        assertEquals(List.of(1L, "b"), database.committedStatements.get(1).parameters());
    }

    @Test
    void deletesByTheKeyOfBefore() throws SQLException {
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.deleteOld(1, 7)));
        FakeSinkDatabase.Statement delete = database.committedStatements.get(0);
        assertEquals("DELETE FROM `shop`.`_users_new` WHERE (`id`) IN ((?))", delete.sql());
        assertEquals(List.of(7L), delete.parameters());
    }

    @Test
    void aRouteToAMigrationWithoutRowEndsThereAndTheRestGoesOn() throws SQLException {
        applier.apply(List.of(Records.marker(0, "start", 10, "nope"), Records.upsertOld(1, 1, "a", "t"),
                Records.upsertOld(2, 2, "b", "t")));
        assertEquals(List.of(), database.committedStatements, "nothing written for a migration without row");
        assertEquals(null, ledger.route(P0), "the route ended");
        assertEquals(3L, ledger.committedOffsets().get(P0), "the records count as applied");
    }

    @Test
    void lossyInverseFlagsTheMigrationAndStopsTheInverseStream() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.DONE);
        database.failOn = OLD;
        database.failure = new SQLException("Data too long for column 'name' at row 1", "22001", 1406);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.marker(1, "cutover", 20, "m1"),
                Records.insertNew(2, 1, "far too long"), Records.insertNew(3, 2, "b"), Records.deleteOld(4, 3)));
        assertTrue(database.notRevertible.get("m1").contains("column 'name'"), database.notRevertible.toString());
        assertTrue(database.notRevertible.get("m1").startsWith("not revertible"), database.notRevertible.toString());
        assertEquals(new PartitionProgress(5, "uuid:4", null), database.committedProgress.get(P0));
        assertEquals(List.of(), database.committedStatements);
    }

    @Test
    void anOldTableDroppedByHandEndsTheInverseStreamAndTheJournalGoesOn() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.DONE);
        database.failOn = OLD;
        database.failure = new SQLException("Table 'db.t_old' doesn't exist", "42S02", 1146);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.marker(1, "cutover", 20, "m1"),
                Records.insertNew(2, 1, "a"), Records.insertNew(3, 2, "b")));
        assertTrue(database.notRevertible.get("m1").startsWith("not revertible: the table"), database.notRevertible.toString());
        assertTrue(database.notRevertible.get("m1").contains("is gone"), database.notRevertible.toString());
        assertEquals(new PartitionProgress(4, "uuid:3", null), database.committedProgress.get(P0),
                "the task goes on past the change it cannot write");
        assertEquals(1, database.failures, "nothing more is sent to the missing table");
    }

    @Test
    void aShadowDroppedByHandFailsThatMigrationAndTheJournalGoesOn() throws SQLException {
        database.failOn = SHADOW;
        database.failure = new SQLException("Table 'db.t_new' doesn't exist", "42S02", 1146);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 1, "a", "t"),
                Records.upsertOld(2, 2, "b", "t")));
        assertTrue(database.forwardRefused.get("m1").contains("is gone"), database.forwardRefused.toString());
        assertEquals(new PartitionProgress(3, "uuid:2", null), database.committedProgress.get(P0));
        assertEquals(1, database.failures, "the batch is not written again row by row");
    }

    @Test
    void aValueTheNewSchemaRefusesFailsThatMigrationAndTheJournalGoesOn() throws SQLException {
        database.failOn = SHADOW;
        database.failure = new SQLException("Data too long for column 'name' at row 1", "22001", 1406);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.upsertOld(1, 1, "a", "t"),
                Records.upsertOld(2, 2, "b", "t")));
        assertTrue(database.forwardRefused.get("m1").contains("Data too long for column 'name'"),
                database.forwardRefused.toString());
        assertEquals(new PartitionProgress(3, "uuid:2", null), database.committedProgress.get(P0),
                "the task goes on past the refused row; the migration's route stops");
        assertEquals(List.of(), database.committedStatements);
        assertEquals(Map.of(), database.notRevertible);
    }

    @Test
    void lossyInverseBeforeARevertMarkerIsNotUndoneByAnAbortedRevert() throws SQLException {
        database.outcomes.put(20L, MarkerOutcome.DONE);
        database.outcomes.put(30L, MarkerOutcome.ABORTED);
        database.failOn = OLD;
        database.failure = new SQLException("Out of range value for column 'k' at row 1", "22003", 1264);
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.marker(1, "cutover", 20, "m1"),
                Records.insertNew(2, 1, "a"), Records.marker(3, "revert", 30, "m1"), Records.insertNew(4, 2, "b")));
        assertEquals(new PartitionProgress(5, "uuid:4", null), database.committedProgress.get(P0));
        assertEquals(1, database.failures, "nothing after the refused value is sent to the old table");
    }

    @Test
    void anUpdateThatMovesTheSharedKeyMovesTheRowInsteadOfLeavingItUnderItsOldKeyToo() throws SQLException {
        applier.apply(List.of(Records.marker(0, "start", 10, "m1"), Records.change(1, "u", Records.oldRow(1, "a", "t"),
                Records.oldRow(2, "a", "t"))));
        assertEquals(List.of("UPDATE `shop`.`_users_new`", SHADOW), database.committedShapes());
        assertEquals(List.of(2L, 1L), database.committedStatements.get(0).parameters(), "new key, then old key");
    }
}
