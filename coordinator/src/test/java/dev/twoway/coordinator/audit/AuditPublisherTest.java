package dev.twoway.coordinator.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

import dev.twoway.core.state.AuditRow;

class AuditPublisherTest {
    private static final String MIGRATION = "m1";

    /** The outbox rows of one migration, in seq order; fails the reads it is told to. */
    private static final class FakeFeed implements AuditPublisher.Feed {
        final List<AuditRow> rows = new ArrayList<>();
        final List<Long> readsAfter = new ArrayList<>();
        int failures;
        int resets;

        void add(long... seqs) {
            for (long seq : seqs) {
                rows.add(new AuditRow(seq, MIGRATION, "queued", "running", "stage " + seq, null,
                        Instant.ofEpochMilli(1_000 + seq)));
            }
        }

        @Override
        public List<AuditRow> after(long afterSeq, int limit) throws SQLException {
            readsAfter.add(afterSeq);
            if (failures > 0) {
                failures--;
                throw new SQLException("Communications link failure");
            }
            return rows.stream().filter(r -> r.seq() > afterSeq).limit(limit).toList();
        }

        @Override
        public void reset() {
            resets++;
        }
    }

    private final FakeFeed feed = new FakeFeed();
    private final AuditSignal signal = new AuditSignal();
    private long now = 50_000;

    private AuditPublisher publisher(long lastSeq) {
        return new AuditPublisher("audit", feed, signal, lastSeq, () -> now);
    }

    private static List<Long> seqs(List<SourceRecord> records) {
        return records.stream().map(r -> ((Struct) r.value()).getInt64("seq")).toList();
    }

    @Test
    void publishesTheRowsAfterTheLastPublishedInSeqOrderWithTheirSeqAsOffset() throws Exception {
        feed.add(3, 5, 8);
        List<SourceRecord> records = publisher(3).poll();
        assertEquals(List.of(5L, 8L), seqs(records));
        SourceRecord first = records.get(0);
        assertEquals(Map.of("migration", MIGRATION), first.sourcePartition());
        assertEquals(Map.of("seq", 5L, "kind", "outbox"), first.sourceOffset());
        assertEquals(MIGRATION, first.key());
        assertEquals("audit", first.topic());
        Struct value = (Struct) first.value();
        assertEquals("queued", value.getString("from_state"));
        assertEquals("running", value.getString("to_state"));
        assertEquals("stage 5", value.getString("stage"));
        assertEquals(1_005L, value.getInt64("at"));
    }

    @Test
    void aFullBatchIsFollowedByAReadAtOnce() throws Exception {
        for (long seq = 1; seq <= 2 * AuditPublisher.BATCH + 50; seq++) {
            feed.add(seq);
        }
        AuditPublisher publisher = publisher(0);
        assertEquals(AuditPublisher.BATCH, publisher.poll().size());
        assertEquals(AuditPublisher.BATCH, publisher.poll().size());
        assertEquals(50, publisher.poll().size());
        assertEquals(List.of(0L, 100L, 200L), feed.readsAfter);
    }

    @Test
    void withNothingNewItReadsOncePerInterval() throws Exception {
        feed.add(1);
        AuditPublisher publisher = publisher(0);
        assertEquals(List.of(1L), seqs(publisher.poll()));
        feed.add(2);
        assertNull(publisher.poll(), "read again before the interval passed");
        assertEquals(1, feed.readsAfter.size());
        now += AuditPublisher.READ_INTERVAL_MS;
        assertEquals(List.of(2L), seqs(publisher.poll()));
    }

    @Test
    void theReconcilersNudgeReadsBeforeTheInterval() throws Exception {
        AuditPublisher publisher = publisher(0);
        assertNull(publisher.poll());
        feed.add(1);
        signal.written();
        assertEquals(List.of(1L), seqs(publisher.poll()));
    }

    @Test
    void aFailedReadIsLoggedAndRetriedLaterFromTheSameRow() throws Exception {
        feed.add(4, 6);
        feed.failures = 1;
        AuditPublisher publisher = publisher(2);
        assertNull(publisher.poll());
        assertEquals(1, feed.resets);
        now += AuditPublisher.READ_INTERVAL_MS;
        assertNull(publisher.poll(), "retried before the retry delay");
        now += AuditPublisher.RETRY_MS;
        assertEquals(List.of(4L, 6L), seqs(publisher.poll()));
        assertEquals(List.of(2L, 2L), feed.readsAfter);
    }

    @Test
    void resumesAfterTheStoredOutboxSeqOnly() {
        assertEquals(0, AuditRecords.lastPublished(null));
        assertEquals(17, AuditRecords.lastPublished(Map.of("seq", 17L, "kind", "outbox")));
        // An older twoway counted queued records in "seq": no relation to the outbox rows, so all are published.
        assertEquals(0, AuditRecords.lastPublished(Map.of("seq", 17L)));
    }
}
