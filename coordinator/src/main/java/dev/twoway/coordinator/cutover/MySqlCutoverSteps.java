package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
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
 * A swap's actions on MySQL, in the direction of its {@link SwapPlan}: connection A locks, B
 * renames, the main connection writes markers and state.
 */
public final class MySqlCutoverSteps implements CutoverSteps {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlCutoverSteps.class);
    /** How long B may still take after the unlock: it is first in the queue, so this is generous. */
    private static final long RENAME_GRACE_MS = 10_000;

    private final Connections connections;
    private final Connection main;
    private final Sidecar sidecar;
    private final Tables tables;
    private final CutoverSettings settings;
    private final SwapPlan plan;
    private final MigrationRow row;
    private final CatchUp catchUp;
    private final SwapGuard guard;
    private final Transitions transitions;
    private CutoverLock lock;
    private RenameSwap rename;
    private String freezeGtid;
    private MarkerRow freezeMarker;

    /** {@code row}: the migration as the swap starts; its freeze point is restored if the swap aborts. */
    public MySqlCutoverSteps(Connections connections, Sidecar sidecar, Tables tables, CutoverSettings settings,
                             SwapPlan plan, MigrationRow row, CatchUp catchUp, SwapGuard guard,
                             Transitions transitions) throws SQLException {
        this.connections = connections;
        this.main = connections.main();
        this.sidecar = sidecar;
        this.tables = tables;
        this.settings = settings;
        this.plan = plan;
        this.row = row;
        this.catchUp = catchUp;
        this.guard = guard;
        this.transitions = transitions;
    }

    @Override
    public boolean catchUp() throws SQLException {
        return catchUp.caughtUp(row, settings.catchupMs());
    }

    @Override
    public void lock() throws SQLException {
        lock = new CutoverLock(connections.open(), plan.schema(), plan.table(), plan.parking());
        lock.lock(settings.lockWaitTimeoutSeconds());
    }

    @Override
    public long insertMarker() throws SQLException {
        return sidecar.insertMarker(row.migrationId(), plan.marker(), plan.schema(), plan.table());
    }

    @Override
    public String gtidExecuted() throws SQLException {
        try (Statement s = main.createStatement(); ResultSet rs = s.executeQuery("SELECT @@GLOBAL.gtid_executed")) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Override
    public Optional<MarkerRow> awaitReached(long markerId, long deadlineNanos) throws SQLException {
        return sidecar.awaitReached(markerId, deadlineNanos);
    }

    @Override
    public Optional<String> refusal() throws SQLException {
        return guard.refusal(plan, row.migrationId());
    }

    @Override
    public void recordFreezePoint(String gtid, MarkerRow marker) throws SQLException {
        sidecar.freezePoint(row.migrationId(), gtid, marker.reachedTopic(), marker.reachedPartition(),
                marker.reachedOffset());
        freezeGtid = gtid;
        freezeMarker = marker;
    }

    @Override
    public void restoreFreezePoint() throws SQLException {
        sidecar.freezePoint(row.migrationId(), row.freezeGtid(), row.freezeTopic(), row.freezePartition(),
                row.freezeOffset());
    }

    @Override
    public void startRename() throws SQLException {
        rename = new RenameSwap(connections.open(), plan);
        rename.start(settings.lockWaitTimeoutSeconds());
    }

    @Override
    public boolean awaitRenameWaiting(long deadlineNanos) throws SQLException, InterruptedException {
        while (!rename.isWaiting(main)) {
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    @Override
    public void dropSentryAndUnlock() throws SQLException {
        lock.dropSentryAndUnlock();
    }

    @Override
    public boolean awaitSwapped() throws SQLException {
        String failure = rename.await(settings.lockTimeoutMs() + RENAME_GRACE_MS);
        if (failure != null) {
            LOG.warn("migration {}: {} RENAME: {}", row.migrationId(), plan.word(), failure);
            rename.cancel(main);
        }
        return SentryTable.swapped(tables, plan);
    }

    @Override
    public void settle(long markerId, MarkerOutcome outcome) throws SQLException {
        sidecar.settle(markerId, outcome);
    }

    @Override
    public void finish() throws SQLException {
        transitions.swapped(row.state(), plan.to(), Instant.now(), plan.doneStage(),
                FreezePoint.describe(plan.word(), freezeMarker, freezeGtid));
    }

    @Override
    public void stage(String stage) throws SQLException {
        sidecar.stage(row.migrationId(), stage);
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
        if (lock != null) {
            lock.unlock();
        }
    }

    @Override
    public void dropSentry() throws SQLException {
        tables.dropIfSentry(plan.schema(), plan.parking());
    }

    @Override
    public void close() {
        if (lock != null) {
            lock.close();
        }
        if (rename != null) {
            rename.close();
        }
    }
}
