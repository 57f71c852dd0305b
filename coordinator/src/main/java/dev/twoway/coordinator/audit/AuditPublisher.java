package dev.twoway.coordinator.audit;

import java.sql.SQLException;
import java.util.List;
import java.util.function.LongSupplier;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.state.AuditRow;

/**
 * The task's {@code poll()}: reads the migration's outbox rows after the last one published, in
 * {@code seq} order and in bounded batches, and turns them into audit records. It reads right
 * after a full batch or a nudge from the reconciler, otherwise at most every
 * {@link #READ_INTERVAL_MS}, and never waits longer than that. A failed read is logged and retried
 * later from the same row: the rows stay in the table until they are read.
 */
public final class AuditPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(AuditPublisher.class);
    static final int BATCH = 100;
    static final long READ_INTERVAL_MS = 100;
    static final long RETRY_MS = 1_000;

    /** Where the rows come from. */
    public interface Feed {
        /** Up to {@code limit} rows after {@code afterSeq}, in seq order. */
        List<AuditRow> after(long afterSeq, int limit) throws SQLException;

        /** Drops what a failed read may have left broken (a connection). */
        void reset();
    }

    private final String topic;
    private final String requestId;
    private final Feed feed;
    private final AuditSignal signal;
    private final LongSupplier clockMs;
    private long lastSeq;
    private long nextReadAt;

    /** {@code lastSeq}: the seq of the last row produced (see {@link AuditRecords#lastPublished}). */
    public AuditPublisher(String topic, Feed feed, AuditSignal signal, long lastSeq, LongSupplier clockMs) {
        this(topic, null, feed, signal, lastSeq, clockMs);
    }

    /** A deploy request's: every member's rows, their offsets under the request's partition ({@code requestId}). */
    public AuditPublisher(String topic, String requestId, Feed feed, AuditSignal signal, long lastSeq,
                          LongSupplier clockMs) {
        this.requestId = requestId;
        this.topic = topic;
        this.feed = feed;
        this.signal = signal;
        this.lastSeq = lastSeq;
        this.clockMs = clockMs;
        this.nextReadAt = clockMs.getAsLong();
    }

    /** The next records, or null when there are none yet. */
    public List<SourceRecord> poll() throws InterruptedException {
        long wait = nextReadAt - clockMs.getAsLong();
        if (wait > 0 && !signal.await(Math.min(wait, READ_INTERVAL_MS)) && clockMs.getAsLong() < nextReadAt) {
            return null;
        }
        List<AuditRow> rows;
        try {
            rows = feed.after(lastSeq, BATCH);
        }
        catch (SQLException | RuntimeException e) {
            LOG.warn("cannot read the audit outbox after seq {}, retrying in {} ms: {}", lastSeq, RETRY_MS,
                    e.getMessage());
            feed.reset();
            nextReadAt = clockMs.getAsLong() + RETRY_MS;
            return null;
        }
        nextReadAt = rows.size() == BATCH ? clockMs.getAsLong() : clockMs.getAsLong() + READ_INTERVAL_MS;
        if (rows.isEmpty()) {
            return null;
        }
        lastSeq = rows.get(rows.size() - 1).seq();
        return rows.stream().map(row -> AuditRecords.record(topic, row, requestId == null ? row.migrationId()
                : requestId)).toList();
    }

    long lastSeq() {
        return lastSeq;
    }
}
