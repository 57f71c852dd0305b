package dev.twoway.sink;

import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

/**
 * The task's in-memory copy of its {@code sink_progress} rows, in two versions: what the
 * database holds (committed) and what the open transaction will hold (working). A rollback
 * goes back to the committed version, so a redelivered batch is routed exactly as the
 * database says (invariant 2), never by what a failed attempt had seen.
 */
public final class ProgressLedger {
    private final Map<TopicPartition, PartitionProgress> committed = new HashMap<>();
    private final Map<TopicPartition, PartitionProgress> working = new HashMap<>();
    private final Map<TopicPartition, PartitionProgress> changed = new LinkedHashMap<>();

    /** Takes a partition's progress as read from the database. */
    public void restore(TopicPartition partition, PartitionProgress progress) {
        committed.put(partition, progress);
        working.put(partition, progress);
        changed.remove(partition);
    }

    /** The partition's progress including the open transaction, or null when it has none. */
    public PartitionProgress current(TopicPartition partition) {
        return working.get(partition);
    }

    /** The route of the partition's next record, or null. */
    public Route route(TopicPartition partition) {
        PartitionProgress progress = working.get(partition);
        return progress == null ? null : progress.route();
    }

    /** True when some partition of {@code topic} routes its records somewhere. */
    public boolean topicHasRoute(String topic) {
        return working.entrySet().stream()
                .anyMatch(e -> e.getKey().topic().equals(topic) && e.getValue().route() != null);
    }

    /** Records progress in the open transaction. */
    public void advance(TopicPartition partition, PartitionProgress progress) {
        working.put(partition, progress);
        changed.put(partition, progress);
    }

    /** Every partition routed along {@code route} goes nowhere from its next record on. */
    public void unroute(Route route) {
        Map.copyOf(working).forEach((partition, progress) -> {
            if (route.equals(progress.route())) {
                advance(partition, new PartitionProgress(progress.nextOffset(), progress.gtid(), null));
            }
        });
    }

    /** The progress rows the open transaction must write. */
    public Map<TopicPartition, PartitionProgress> changed() {
        return Map.copyOf(changed);
    }

    /** The open transaction committed. */
    public void committed() {
        committed.putAll(changed);
        changed.clear();
    }

    /** The open transaction rolled back. */
    public void rolledBack() {
        working.clear();
        working.putAll(committed);
        changed.clear();
    }

    /** The partitions were revoked: nothing of them is kept. */
    public void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            committed.remove(p);
            working.remove(p);
            changed.remove(p);
        });
    }

    /** The next offset the database holds for each partition. */
    public Map<TopicPartition, Long> committedOffsets() {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        committed.forEach((partition, progress) -> offsets.put(partition, progress.nextOffset()));
        return offsets;
    }
}
