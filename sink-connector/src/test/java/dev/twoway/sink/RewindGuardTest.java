package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RewindGuardTest {
    private static final TopicPartition P0 = new TopicPartition("tw.shop.users", 0);
    private final RewindGuard guard = new RewindGuard();

    private static SinkRecord at(long offset) {
        return new SinkRecord(P0.topic(), 0, Schema.STRING_SCHEMA, "k", Schema.STRING_SCHEMA, "v", offset);
    }

    @Test
    void aFirstRecordBelowTheStoredOffsetIsARewindAndStaysOneUntilTheTaskIsRestarted() {
        guard.opened(P0, 57);
        Optional<RewindGuard.Rewind> rewind = guard.check(List.of(at(0), at(1)));
        assertEquals(Optional.of(new RewindGuard.Rewind(P0, 57, 0)), rewind);
        assertTrue(guard.check(List.of(at(0))).isPresent(), "a redelivered batch is refused again");
    }

    @Test
    void theStoredOffsetOrAGapAfterItIsNoRewindAndLaterRedeliveriesAreNotChecked() {
        guard.opened(P0, 57);
        assertEquals(Optional.empty(), guard.check(List.of(at(57), at(58))));
        assertEquals(Optional.empty(), guard.check(List.of(at(50))), "a redelivery after a retried batch");
        guard.opened(P0, 60);
        assertEquals(Optional.empty(), guard.check(List.of(at(61))), "a transaction marker's gap");
    }

    @Test
    void aPartitionWithoutStoredProgressOrRevokedIsNotChecked() {
        assertEquals(Optional.empty(), guard.check(List.of(at(0))));
        guard.opened(P0, 57);
        guard.forget(List.of(P0));
        assertEquals(Optional.empty(), guard.check(List.of(at(0))));
    }
}
