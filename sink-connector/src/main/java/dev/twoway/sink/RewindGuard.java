package dev.twoway.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Notices a topic that holds fewer records than this sink has applied from it. On open the task
 * seeks each partition to its stored {@code next_offset}; when the topic was deleted and created
 * again (or the Kafka cluster was), that offset lies beyond the new log's end, the consumer resets
 * its position by {@code auto.offset.reset} and delivers offsets below the stored progress, which
 * the router would skip as redeliveries: every change, every marker, silently, and every migration
 * would wait for ever. The first record of a partition after it is opened is the proof: it must
 * not lie below the stored offset (it may lie above: a transaction marker or a retention cut leaves
 * a gap). Decides only.
 */
final class RewindGuard {
    /** A partition whose first delivered offset lies below what the sink had applied. */
    record Rewind(TopicPartition partition, long storedNext, long delivered) {
    }

    private final Map<TopicPartition, Long> awaiting = new HashMap<>();

    /** The partition was opened at its stored next offset. */
    void opened(TopicPartition partition, long storedNext) {
        awaiting.put(partition, storedNext);
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(awaiting::remove);
    }

    /** The first rewound partition of the batch, if any; every partition seen is checked only once. */
    Optional<Rewind> check(Collection<SinkRecord> records) {
        for (SinkRecord record : records) {
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            Long stored = awaiting.remove(partition);
            if (stored != null && record.originalKafkaOffset() < stored) {
                awaiting.put(partition, stored); // a restarted task checks again
                return Optional.of(new Rewind(partition, stored, record.originalKafkaOffset()));
            }
        }
        return Optional.empty();
    }
}
