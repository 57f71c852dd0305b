package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;

class RecordRouterTest {
    private static final TopicPartition P0 = new TopicPartition(Records.TOPIC, 0);

    private final ProgressLedger ledger = new ProgressLedger();
    private final RecordRouter router = new RecordRouter(ledger);

    @Test
    void dataRecordWithoutRouteIsSkipped() {
        assertInstanceOf(Decision.Skip.class, router.decide(JournalRecord.of(Records.upsertOld(0, 1, "a", "t"))));
    }

    @Test
    void dataRecordWithRouteIsAppliedAlongIt() {
        ledger.restore(P0, new PartitionProgress(5, null, Route.forward("m1")));
        Decision decision = router.decide(JournalRecord.of(Records.upsertOld(5, 1, "a", "t")));
        assertEquals(new Decision.Apply(Route.forward("m1")), decision);
    }

    @Test
    void redeliveredOffsetsAreIgnored() {
        ledger.restore(P0, new PartitionProgress(5, null, Route.forward("m1")));
        assertInstanceOf(Decision.Redelivered.class, router.decide(JournalRecord.of(Records.upsertOld(4, 1, "a", "t"))));
        assertInstanceOf(Decision.Redelivered.class, router.decide(JournalRecord.of(Records.marker(3, "start", 9, "m1"))));
    }

    @Test
    void tombstonesAreSkippedEvenWithARoute() {
        ledger.restore(P0, new PartitionProgress(0, null, Route.forward("m1")));
        assertInstanceOf(Decision.Skip.class, router.decide(JournalRecord.of(Records.tombstone(0))));
    }

    @Test
    void markerIsRecognisedByItsHeaders() {
        Decision decision = router.decide(JournalRecord.of(Records.marker(7, "cutover", 42, "m1")));
        assertEquals(new Decision.Marker(new MarkerEvent(MarkerKind.CUTOVER, 42, "m1")), decision);
    }

    @Test
    void startRoutesForward() {
        assertEquals(Route.forward("m1"), RecordRouter.routeAfter(null, marker(MarkerKind.START), null));
    }

    @Test
    void syncLeavesTheRoute() {
        assertEquals(Route.forward("m1"), RecordRouter.routeAfter(Route.forward("m1"), marker(MarkerKind.SYNC), null));
    }

    @Test
    void cutoverDoneRoutesInverse() {
        assertEquals(Route.inverse("m1"),
                RecordRouter.routeAfter(Route.forward("m1"), marker(MarkerKind.CUTOVER), MarkerOutcome.DONE));
    }

    @Test
    void cutoverAbortedLeavesTheRoute() {
        assertEquals(Route.forward("m1"),
                RecordRouter.routeAfter(Route.forward("m1"), marker(MarkerKind.CUTOVER), MarkerOutcome.ABORTED));
    }

    @Test
    void revertDoneRoutesForwardAgainAndAbortedStaysInverse() {
        assertEquals(Route.forward("m1"),
                RecordRouter.routeAfter(Route.inverse("m1"), marker(MarkerKind.REVERT), MarkerOutcome.DONE));
        assertEquals(Route.inverse("m1"),
                RecordRouter.routeAfter(Route.inverse("m1"), marker(MarkerKind.REVERT), MarkerOutcome.ABORTED));
    }

    @Test
    void stopRoutesNowhere() {
        assertNull(RecordRouter.routeAfter(Route.inverse("m1"), marker(MarkerKind.STOP), null));
    }

    @Test
    void changeOnAnotherPartitionOfARoutedTopicIsRefused() {
        ledger.restore(P0, new PartitionProgress(0, null, Route.forward("m1")));
        JournalRecord record = JournalRecord.of(Records.onPartition(Records.upsertOld(3, 1, "a", "t"), 1));
        ConnectException e = assertThrows(ConnectException.class, () -> router.decide(record));
        assertTrue(e.getMessage().contains("partition 0 only"), e.getMessage());
    }

    @Test
    void markerOnAnotherPartitionIsRefused() {
        JournalRecord record = JournalRecord.of(Records.onPartition(Records.marker(3, "start", 1, "m1"), 2));
        assertThrows(ConnectException.class, () -> router.decide(record));
    }

    @Test
    void changeOnAnotherPartitionOfAnUnroutedTopicIsSkipped() {
        JournalRecord record = JournalRecord.of(Records.onPartition(Records.upsertOld(3, 1, "a", "t"), 1));
        assertInstanceOf(Decision.Skip.class, router.decide(record));
    }

    private static MarkerEvent marker(MarkerKind kind) {
        return new MarkerEvent(kind, 1, "m1");
    }
}
