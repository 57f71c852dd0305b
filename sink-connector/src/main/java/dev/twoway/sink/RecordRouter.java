package dev.twoway.sink;

import org.apache.kafka.connect.errors.ConnectException;

import dev.twoway.core.state.MarkerOutcome;

/**
 * Decides, per record, what the sink does with it, from the record's position relative to the
 * markers before it (invariant 1). Pure logic over the {@link ProgressLedger}: it reads
 * the partitions' progress and routes, and never writes anything.
 */
public final class RecordRouter {
    private final ProgressLedger ledger;

    public RecordRouter(ProgressLedger ledger) {
        this.ledger = ledger;
    }

    public Decision decide(JournalRecord record) {
        PartitionProgress progress = ledger.current(record.partition());
        if (progress != null && record.offset() < progress.nextOffset()) {
            return new Decision.Redelivered();
        }
        if (record.marker().isPresent()) {
            requireJournalPartition(record, "marker " + record.marker().get().markerId());
            return new Decision.Marker(record.marker().get());
        }
        if (record.isTombstone()) {
            return new Decision.Skip();
        }
        Route route = progress == null ? null : progress.route();
        if (record.partition().partition() != 0 && ledger.topicHasRoute(record.partition().topic())) {
            requireJournalPartition(record, "a change of a table under migration");
        }
        if (route == null) {
            return new Decision.Skip();
        }
        if (!record.isChangeEvent()) {
            throw new ConnectException("record " + record.coordinates() + " is routed " + route
                    + " but is not a Debezium change event (a Struct with before, after, op, source)");
        }
        return new Decision.Apply(route);
    }

    /**
     * The route after a marker. Swap markers take effect only when their swap happened:
     * {@code done} turns the route (inverse after a cutover, forward after a revert),
     * {@code aborted} leaves it as it was.
     */
    public static Route routeAfter(Route current, MarkerEvent marker, MarkerOutcome outcome) {
        return switch (marker.kind()) {
            case START -> Route.forward(marker.migrationId());
            case SYNC, CHECKSUM -> current;
            case STOP -> null;
            case CUTOVER -> outcome == MarkerOutcome.DONE ? Route.inverse(marker.migrationId()) : current;
            case REVERT -> outcome == MarkerOutcome.DONE ? Route.forward(marker.migrationId()) : current;
        };
    }

    private static void requireJournalPartition(JournalRecord record, String what) {
        if (record.partition().partition() != 0) {
            throw new ConnectException(what + " arrived on " + record.coordinates() + ", but twoway reads a table's "
                    + "changes from partition 0 only: the topic is the journal and must have exactly one partition "
                    + "(topic.creation.default.partitions=1 on the source)");
        }
    }
}
