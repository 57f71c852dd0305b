package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;

/**
 * A group swap's actions on MySQL, in the direction of its {@link SwapPlan}: connection A locks
 * every live table, B renames them all in one statement, a holder per further live table hands it
 * to B ({@link LockHandover}), the main connection writes markers and state.
 */
public final class MySqlCutoverSteps implements CutoverSteps {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlCutoverSteps.class);
    /** How long B may still take after the unlock: it is first in the queue, so this is generous. */
    private static final long RENAME_GRACE_MS = 10_000;
    private static final long POLL_MS = 5;
    private static final int LOCK_WAIT_TIMEOUT = 1205;

    private final Connections connections;
    private final Connection main;
    private final Sidecar sidecar;
    private final Tables tables;
    private final CutoverSettings settings;
    private final SwapPlan plan;
    private final Map<String, MigrationRow> rows = new HashMap<>();
    private final CatchUp catchUp;
    private final SwapGuard guard;
    private final Transitions transitions;
    private CutoverLock lock;
    private RenameSwap rename;
    private LockHandover handover;
    private SwapPlan.Member first;
    private String freezeGtid;
    private final Map<String, MarkerRow> freezeMarkers = new HashMap<>();
    /** The sessions a forced attempt killed, in words. */
    private final List<String> killed = new ArrayList<>();

    /** {@code rows}: every member as the swap starts; their freeze points are restored if the swap aborts. */
    public MySqlCutoverSteps(Connections connections, Sidecar sidecar, Tables tables, CutoverSettings settings,
                             SwapPlan plan, List<MigrationRow> rows, CatchUp catchUp, SwapGuard guard,
                             Transitions transitions) throws SQLException {
        this.connections = connections;
        this.main = connections.main();
        this.sidecar = sidecar;
        this.tables = tables;
        this.settings = settings;
        this.plan = plan;
        rows.forEach(r -> this.rows.put(r.migrationId(), r));
        this.catchUp = catchUp;
        this.guard = guard;
        this.transitions = transitions;
    }

    private List<MigrationRow> streamedRows() {
        return plan.streamed().stream().map(m -> rows.get(m.migrationId())).toList();
    }

    /** The swap's connections are opened in the background meanwhile (see {@link #prepare}). */
    @Override
    public boolean catchUp() throws SQLException {
        connections.openAhead();
        return streamedRows().isEmpty() || catchUp.caughtUp(streamedRows(), settings.swapCatchupMs());
    }

    /**
     * Every connection the swap needs is opened and readied first (B's, and in a group a holder per
     * live table), and the sentries created: connecting under the lock stalled the writers for
     * hundreds of milliseconds, and none of this blocks them.
     */
    @Override
    public void prepare() throws SQLException {
        rename = new RenameSwap(connections.openLast(), plan);
        rename.prepare(settings.lockWaitTimeoutSeconds());
        if (plan.live().isEmpty()) {
            return; // nothing is live under the names: no writer to block
        }
        if (plan.live().size() > 1) {
            handover = new LockHandover(connections, plan.live(), settings.lockWaitTimeoutSeconds());
        }
        lock = new CutoverLock(connections.openLast(), plan.live());
        lock.prepare(settings.lockWaitTimeoutSeconds());
    }

    @Override
    public void lock() throws SQLException {
        if (lock == null) {
            return; // nothing is live
        }
        try {
            lock.lock();
        }
        catch (SQLException e) {
            throw e.getErrorCode() == LOCK_WAIT_TIMEOUT ? blocked(e) : e;
        }
    }

    @Override
    public List<String> killBlockers(long deadlineNanos) throws SQLException, InterruptedException {
        LockBlockers blockers = new LockBlockers(main);
        for (Map.Entry<String, List<String>> schema : liveTablesBySchema().entrySet()) {
            killed.addAll(blockers.kill(schema.getKey(), schema.getValue(), deadlineNanos));
        }
        if (!killed.isEmpty()) {
            LOG.warn("{} of {} forced: killed {}", plan.word(), rows.keySet(), String.join("; ", killed));
        }
        return List.copyOf(killed);
    }

    private Map<String, List<String>> liveTablesBySchema() {
        Map<String, List<String>> bySchema = new java.util.LinkedHashMap<>();
        plan.live().forEach(m -> bySchema.computeIfAbsent(m.schema(), k -> new ArrayList<>()).add(m.table()));
        return bySchema;
    }

    /** A lock wait that timed out names the sessions holding the tables (the stage and message show it). */
    private SQLException blocked(SQLException e) {
        List<String> held = new ArrayList<>();
        liveTablesBySchema().forEach((schema, tables) -> held.add(LockHolders.describe(main, schema, tables)));
        return new SQLException(e.getMessage() + "; the table is " + String.join("; ", held), e.getSQLState(),
                e.getErrorCode(), e);
    }

    @Override
    public List<Long> insertMarkers() throws SQLException {
        List<Sidecar.MarkerSpec> specs = plan.streamed().stream()
                .map(m -> new Sidecar.MarkerSpec(m.migrationId(), plan.marker(), m.schema(), m.table())).toList();
        return specs.isEmpty() ? List.of() : sidecar.insertMarkers(specs);
    }

    @Override
    public String gtidExecuted() throws SQLException {
        try (Statement s = main.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_executed")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public List<MarkerRow> awaitReached(List<Long> markerIds, long deadlineNanos) throws SQLException {
        List<MarkerRow> reached = new ArrayList<>();
        for (long id : markerIds) {
            sidecar.awaitReached(id, deadlineNanos).ifPresent(reached::add); // past the deadline: one look each
        }
        return reached;
    }

    @Override
    public Optional<String> refusal() throws SQLException {
        return guard.refusal(plan);
    }

    @Override
    public void recordFreezePoint(String gtid, List<MarkerRow> markers) throws SQLException {
        markers.forEach(m -> freezeMarkers.put(m.migrationId(), m));
        List<Sidecar.Freeze> points = new ArrayList<>();
        for (SwapPlan.Member member : plan.members()) {
            MarkerRow m = freezeMarkers.get(member.migrationId());
            points.add(new Sidecar.Freeze(member.migrationId(), gtid, m == null ? null : m.reachedTopic(),
                    m == null ? null : m.reachedPartition(), m == null ? null : m.reachedOffset()));
        }
        sidecar.freezePoints(points);
        freezeGtid = gtid;
    }

    @Override
    public void restoreFreezePoint() throws SQLException {
        sidecar.freezePoints(rows.values().stream().map(r -> new Sidecar.Freeze(r.migrationId(), r.freezeGtid(),
                r.freezeTopic(), r.freezePartition(), r.freezeOffset())).toList());
    }

    @Override
    public void startRename() {
        rename.start();
    }

    /**
     * B queued on the first live table it asks for; in a group, the holders of the others queued
     * behind A. With nothing live, nothing holds B back: it renames at once.
     */
    @Override
    public boolean awaitRenameWaiting(long deadlineNanos) throws SQLException, InterruptedException {
        if (plan.live().isEmpty()) {
            return true;
        }
        while (!rename.isWaiting(main)) {
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
        if (plan.live().size() == 1) {
            first = plan.live().get(0);
            return true;
        }
        Optional<SwapPlan.Member> queuedOn = awaitQueuedOnLiveTable(deadlineNanos);
        if (queuedOn.isEmpty()) {
            return false;
        }
        first = queuedOn.get();
        return handover.queue(first, main, deadlineNanos);
    }

    /** The live table B waits for: the first of them in the order MySQL takes a RENAME's locks. */
    private Optional<SwapPlan.Member> awaitQueuedOnLiveTable(long deadlineNanos)
            throws SQLException, InterruptedException {
        while (System.nanoTime() < deadlineNanos) {
            Optional<String[]> pending = rename.pendingOn(main);
            if (pending.isPresent()) {
                for (SwapPlan.Member m : plan.live()) {
                    if (m.schema().equalsIgnoreCase(pending.get()[0]) && m.table().equalsIgnoreCase(pending.get()[1])) {
                        return Optional.of(m);
                    }
                }
                LOG.warn("{}: the RENAME waits for {}.{}, which is not a live table of the swap", plan.word(),
                        pending.get()[0], pending.get()[1]);
                return Optional.empty();
            }
            Thread.sleep(POLL_MS);
        }
        return Optional.empty();
    }

    @Override
    public boolean releaseLocks(long deadlineNanos) throws SQLException, InterruptedException {
        if (lock == null) {
            return true;
        }
        lock.dropSentriesAndUnlock(handover == null ? plan.live() : List.of(first));
        return handover == null || handover.handOver(rename, main, deadlineNanos);
    }

    @Override
    public boolean awaitSwapped() throws SQLException {
        String failure = rename.await(settings.lockTimeoutMs() + RENAME_GRACE_MS);
        if (failure != null) {
            LOG.warn("{} RENAME of {}: {}", plan.word(), rows.keySet(), failure);
            rename.cancel(main);
        }
        return SentryTable.swapped(tables, plan);
    }

    @Override
    public void settle(List<Long> markerIds, MarkerOutcome outcome) throws SQLException {
        if (!markerIds.isEmpty()) {
            sidecar.settle(markerIds, outcome);
        }
    }

    @Override
    public void finish() throws SQLException {
        List<Sidecar.SwapMove> moves = new ArrayList<>();
        for (SwapPlan.Member member : plan.members()) {
            MigrationRow row = rows.get(member.migrationId());
            moves.add(new Sidecar.SwapMove(member.migrationId(), row.state(), plan.to(), plan.doneStage(member),
                    FreezePoint.describe(plan.word(), freezeMarkers.get(member.migrationId()), freezeGtid),
                    killed.isEmpty() ? null : plan.word() + " forced: killed " + String.join("; ", killed)));
        }
        transitions.swapped(moves, Instant.now());
    }

    @Override
    public void stage(String stage) throws SQLException {
        sidecar.stage(plan.members().stream().map(SwapPlan.Member::migrationId).toList(), stage);
    }

    @Override
    public void cancelRename() throws SQLException {
        if (rename != null) {
            rename.cancel(main);
            rename.await(RENAME_GRACE_MS);
        }
    }

    @Override
    public void unlock() throws SQLException {
        if (handover != null) {
            handover.abandon(main);
        }
        if (lock != null) {
            lock.unlock();
        }
    }

    @Override
    public void dropSentry() throws SQLException {
        for (SwapPlan.Member member : plan.live()) {
            tables.dropIfSentry(member.schema(), member.parking());
        }
    }

    @Override
    public void close() {
        if (handover != null) {
            handover.close();
        }
        if (lock != null) {
            lock.close();
        }
        if (rename != null) {
            rename.close();
        }
    }
}
