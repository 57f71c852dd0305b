package dev.twoway.sink;

import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.projection.Direction;
import dev.twoway.core.state.CopyRangeStore;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;

/**
 * Applies one delivered batch: routes each record, projects and writes data records, follows
 * markers, and commits rows, reached markers and progress in one transaction (invariant 2).
 * At a cutover or revert marker the coordinator has yet to settle, the records after it go to
 * one table or the other depending on the outcome: that partition is held there
 * ({@link HeldPartitions}: its progress stays at the marker, and the task pauses it and reads
 * it again from the marker once the swap is settled), and the batch goes on with the others. It
 * never blocks and never rolls back itself: on any failure the task rolls back the database and
 * the ledger.
 */
public final class JournalApplier {
    private static final Logger LOG = LoggerFactory.getLogger(JournalApplier.class);

    private final SinkDatabase database;
    private final ProgressLedger ledger;
    private final RecordRouter router;
    private final MigrationTargets targets;
    private final BatchWriter writer;
    private final HeldPartitions holds;
    private final RefusedWrites refused;
    private final Map<String, CopyFrontier> frontiers = new HashMap<>();
    private final Set<String> copying = new HashSet<>();
    private final Set<String> copied = new HashSet<>();
    private final StartCheck starts;
    /** Data records of the batch written to a table: the task's records-applied metric. */
    private int applied;

    /** Whether the sink may take on a migration at its start marker; the reason it may not. */
    @FunctionalInterface
    public interface StartCheck {
        Optional<String> refusal(String migrationId, long markerId) throws SQLException;
    }

    public JournalApplier(SinkDatabase database, ProgressLedger ledger, BatchWriter writer) {
        this(database, ledger, writer, (migration, marker) -> Optional.empty());
    }

    public JournalApplier(SinkDatabase database, ProgressLedger ledger, BatchWriter writer, StartCheck starts) {
        this.starts = starts;
        this.database = database;
        this.ledger = ledger;
        this.router = new RecordRouter(ledger);
        this.targets = new MigrationTargets(database);
        this.writer = writer;
        this.holds = new HeldPartitions(database::marker);
        this.refused = new RefusedWrites(database, ledger, writer);
    }

    public void apply(Collection<SinkRecord> records) throws SQLException {
        frontiers.clear();
        applied = 0;
        for (SinkRecord sinkRecord : records) {
            JournalRecord record = JournalRecord.of(sinkRecord);
            if (holds.isHeld(record.partition())) {
                continue; // held at a swap marker: read again from the marker once it is settled
            }
            Decision decision = router.decide(record);
            if (decision instanceof Decision.Apply apply) {
                write(record, apply.route());
            }
            else if (decision instanceof Decision.Skip) {
                advance(record, ledger.route(record.partition()));
            }
            else if (decision instanceof Decision.Marker marker) {
                follow(record, marker.marker());
            }
        }
        commit();
    }

    /** Writes what is buffered and the progress, and commits. */
    public void commit() throws SQLException {
        flush();
        database.saveProgress(ledger.changed());
        database.commit();
        ledger.committed();
    }

    /** Drops what is buffered and the holds of the batch (the task rolls the transaction back). */
    public void discard() {
        writer.discard();
        holds.rolledBack();
    }

    /** The partitions held at a swap marker by the batch just committed: pause them, read them again from there. */
    public List<HeldPartitions.Hold> newlyHeld() {
        return holds.committed();
    }

    /** The held partitions whose swap the coordinator has settled since: resume them. */
    public List<TopicPartition> released() throws SQLException {
        return holds.released();
    }

    /** Data records of the last batch written to a shadow or old table (not skipped, held or markers). */
    public int appliedInBatch() {
        return applied;
    }

    /** Whether some partition waits on the coordinator (the task then comes back soon). */
    public boolean holding() {
        return holds.any();
    }

    /** The partitions revoked from the task: no hold of theirs is kept. */
    public void forget(Collection<TopicPartition> partitions) {
        holds.forget(partitions);
    }

    /** Buffers the record's change; a flush on the way may have stopped its route (lossy inverse). */
    private void write(JournalRecord record, Route route) throws SQLException {
        Optional<Target> found = targets.find(route);
        if (found.isEmpty()) {
            orphaned(record, route);
            return;
        }
        Target target = found.get();
        boolean written = false;
        for (RowChange change : ChangeProjector.project(target, record)) {
            if (route.direction() == Direction.FORWARD && change.kind() == RowChange.Kind.UPSERT
                    && frontier(route.migrationId()).ahead(singleKey(target, change))) {
                continue; // the copy will read the row as changed
            }
            if (!writer.fits(change)) {
                flush();
            }
            if (route.equals(ledger.route(record.partition()))) {
                writer.add(change);
                written = true;
            }
            if (writer.full()) {
                flush();
            }
        }
        if (written) {
            applied++;
        }
        advance(record, ledger.route(record.partition()));
    }

    /**
     * The copy's ranges of the migration, read at its first forward change in the batch; no
     * longer read once this sink has seen them and then seen them gone (the copy is over). That
     * is always safe: skipping is an economy, and writing a change the copy will also read is
     * never wrong.
     */
    private CopyFrontier frontier(String migrationId) throws SQLException {
        if (copied.contains(migrationId)) {
            return CopyFrontier.NONE;
        }
        CopyFrontier frontier = frontiers.get(migrationId);
        if (frontier == null) {
            List<CopyRangeStore.Range> ranges = database.copyRanges(migrationId);
            if (!ranges.isEmpty()) {
                copying.add(migrationId);
            }
            else if (copying.remove(migrationId)) {
                copied.add(migrationId);
            }
            frontier = ranges.isEmpty() ? CopyFrontier.NONE : new CopyFrontier(ranges);
            frontiers.put(migrationId, frontier);
        }
        return frontier;
    }

    /** The change's key value when the key is one column, else null. */
    private static Object singleKey(Target target, RowChange change) {
        List<String> key = target.projection().keyTargetColumns();
        if (key.size() != 1) {
            return null;
        }
        int index = change.columns().indexOf(key.get(0));
        return index < 0 ? null : change.values().get(index);
    }

    /**
     * Writes what is buffered. A refusal is {@link RefusedWrites}'s: it may stop the route of one
     * migration (in this same transaction); the rest of the journal goes on.
     */
    private void flush() throws SQLException {
        try {
            writer.flush();
        }
        catch (RowWriteException e) {
            refused.handle(e);
        }
    }

    private void follow(JournalRecord record, MarkerEvent marker) throws SQLException {
        if (marker.kind().isSwap()) {
            flush(); // a lossy inverse among the rows before the marker stops the route the swap starts from
        }
        Route before = ledger.route(record.partition());
        if (marker.kind() == MarkerKind.CUTOVER && !Route.forward(marker.migrationId()).equals(before)) {
            refuseToVouch(record, marker, before);
            return;
        }
        if (marker.kind() == MarkerKind.START) {
            if (starts.refusal(marker.migrationId(), marker.markerId()).isPresent()) {
                advance(record, before); // unreached: the coordinator waits, and places another
                return;
            }
            restart(marker.migrationId());
        }
        database.markReached(marker.markerId(), record.partition(), record.offset());
        MarkerOutcome outcome = marker.kind().holdsPartition() ? holds.outcome(marker) : null;
        if (outcome == MarkerOutcome.PENDING) {
            hold(record, marker, before);
            return;
        }
        Route after = RecordRouter.routeAfter(before, marker, outcome);
        advance(record, after);
        log(record, marker, outcome, after);
    }

    /**
     * The migration's row was deleted under its route: no table to write to is known any more, and
     * failing would stop every table this sink applies. The route ends here (a later start
     * marker begins it again), loudly.
     */
    private void orphaned(JournalRecord record, Route route) {
        LOG.warn("records of {} are routed {}, but migration '{}' has no row in the migrations table any more "
                + "(deleted?): they are no longer applied anywhere", record.coordinates(), route, route.migrationId());
        ledger.unroute(route);
        advance(record, null);
    }

    /** A start marker may begin a new run under a migration id used before: nothing of the earlier is kept. */
    private void restart(String migrationId) {
        targets.forget(migrationId);
        copying.remove(migrationId);
        copied.remove(migrationId);
    }

    /**
     * A cut-over marker proves the shadow holds every change before it only to a sink that has
     * applied the table forward since the migration's start marker. One that has not (deployed
     * later, or reading from after the start) leaves the marker unreached: the coordinator's
     * lock then times out, the swap is aborted and nothing is lost.
     */
    private void refuseToVouch(JournalRecord record, MarkerEvent marker, Route route) {
        LOG.error("cutover marker {} of migration '{}' at {}: this sink has not applied the table forward since the "
                + "migration's start marker (records go {}), so it leaves the marker unreached and the cut-over is "
                + "aborted. Deploy the sink before the migration, with the table's topic kept from the start marker on.",
                marker.markerId(), marker.migrationId(), record.coordinates(), route == null ? "nowhere" : route);
        advance(record, route);
    }

    /** Route changes and swaps at INFO; the frequent sync markers (lag probes) at DEBUG. */
    private static void log(JournalRecord record, MarkerEvent marker, MarkerOutcome outcome, Route after) {
        if (marker.kind() == MarkerKind.SYNC && !LOG.isDebugEnabled()) {
            return;
        }
        String line = marker.kind().wireName() + " marker " + marker.markerId() + " of migration '"
                + marker.migrationId() + "' at " + record.coordinates()
                + (outcome == null ? "" : " (" + outcome.wireName() + ")")
                + ": records now go " + (after == null ? "nowhere" : after);
        if (marker.kind() == MarkerKind.SYNC) {
            LOG.debug(line);
        }
        else {
            LOG.info(line);
        }
    }

    /**
     * The swap is not settled yet: the progress stops at the marker itself (so the marker is read
     * again, and its outcome then known), committed with the rows before it and the marker's being
     * reached; the partition is held, the others go on.
     */
    private void hold(JournalRecord record, MarkerEvent marker, Route route) {
        TopicPartition partition = record.partition();
        PartitionProgress previous = ledger.current(partition);
        ledger.advance(partition, new PartitionProgress(record.offset(), previous == null ? null : previous.gtid(),
                route));
        holds.hold(partition, marker, record.offset());
        LOG.debug("{} marker {} of migration '{}' at {} reached, not settled yet: {} waits for the coordinator",
                marker.kind().wireName(), marker.markerId(), marker.migrationId(), record.coordinates(), partition);
    }

    private void advance(JournalRecord record, Route route) {
        PartitionProgress previous = ledger.current(record.partition());
        String gtid = record.gtid() != null ? record.gtid() : previous == null ? null : previous.gtid();
        ledger.advance(record.partition(), new PartitionProgress(record.offset() + 1, gtid, route));
    }
}
