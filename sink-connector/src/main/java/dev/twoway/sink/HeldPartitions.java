package dev.twoway.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;

import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;

/**
 * Partitions the sink holds at a cutover, revert or checksum marker it has reached but the coordinator
 * has yet to settle: the records after a swap marker go to one table or the other depending on the
 * outcome, and the coordinator's checksum snapshots the table exactly at its marker, so none is applied, while every other partition goes on (a group cut-over waits for the sink
 * to reach a marker in each member's topic; a sink blocked at the first would wait on itself).
 * The progress stays at the marker, so the marker is read again once released; a hold taken in
 * a batch counts only once the batch commits. Decides only; the task pauses, rewinds and resumes
 * the partitions.
 */
final class HeldPartitions {
    /** Reads one marker row. */
    @FunctionalInterface
    interface Lookup {
        Optional<MarkerRow> find(long markerId) throws SQLException;
    }

    /** A partition held at a marker, and the marker's offset to read it again from. */
    record Hold(TopicPartition partition, MarkerEvent marker, long offset) {
    }

    private final Lookup lookup;
    private final Map<TopicPartition, Hold> held = new HashMap<>();
    private final Map<TopicPartition, Hold> pending = new HashMap<>();

    HeldPartitions(Lookup lookup) {
        this.lookup = lookup;
    }

    /** {@code done} or {@code aborted} once the coordinator settled the marker, else {@code pending}. */
    MarkerOutcome outcome(MarkerEvent marker) throws SQLException {
        MarkerRow row = lookup.find(marker.markerId()).orElseThrow(() -> new ConnectException(
                marker.kind().wireName() + " marker " + marker.markerId() + " of migration '" + marker.migrationId()
                        + "' is in the topic but not in the markers table"));
        return row.outcome() == null ? MarkerOutcome.PENDING : row.outcome();
    }

    /** Holds {@code partition} at the marker at {@code offset}, from this batch's commit on. */
    void hold(TopicPartition partition, MarkerEvent marker, long offset) {
        pending.put(partition, new Hold(partition, marker, offset));
    }

    boolean isHeld(TopicPartition partition) {
        return held.containsKey(partition) || pending.containsKey(partition);
    }

    boolean any() {
        return !held.isEmpty();
    }

    /** The batch committed: its holds count; returns them (to pause and rewind). */
    List<Hold> committed() {
        List<Hold> fresh = new ArrayList<>(pending.values());
        held.putAll(pending);
        pending.clear();
        return fresh;
    }

    /** The batch rolled back: its holds never were. */
    void rolledBack() {
        pending.clear();
    }

    /** The held partitions whose marker the coordinator has settled now, released (to resume). */
    List<TopicPartition> released() throws SQLException {
        List<TopicPartition> released = new ArrayList<>();
        for (Hold hold : List.copyOf(held.values())) {
            if (outcome(hold.marker()) != MarkerOutcome.PENDING) {
                held.remove(hold.partition());
                released.add(hold.partition());
            }
        }
        return released;
    }

    void forget(Collection<TopicPartition> partitions) {
        partitions.forEach(p -> {
            held.remove(p);
            pending.remove(p);
        });
    }
}
