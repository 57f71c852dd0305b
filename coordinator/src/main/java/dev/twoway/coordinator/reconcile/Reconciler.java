package dev.twoway.coordinator.reconcile;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.cutover.SwapSettler;
import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.MySqlSidecar;
import dev.twoway.coordinator.sidecar.MySqlTables;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.coordinator.step.MigrationCanceller;
import dev.twoway.coordinator.step.MySqlRequestWork;
import dev.twoway.coordinator.step.RequestWork;
import dev.twoway.coordinator.step.SinkVerdicts;
import dev.twoway.coordinator.step.WindowCloser;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * The task's background loop over a deploy request (a single migration is a request of one):
 * every tick reads the members' rows and does one step ({@link RequestTick}); a step that throws
 * is shown in the rows and retried with a backoff, and given up after its attempts. Everything
 * that matters is in the rows, so a new task (after a restart or a changed target) picks up
 * exactly where they say.
 */
public final class Reconciler implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    static final long TICK_MS = 200;

    /** The one reconciler of a request: held across ticks, lost with the connection. */
    interface Lease {
        boolean hold() throws SQLException;

        void lost();
    }

    private final MigrationOptions config;
    private final String migrationId;
    private final Connections connections;
    private final Sidecar sidecar;
    private final RequestWork work;
    private final MigrationCanceller canceller;
    private final RequestTick tick;
    private final Lease lease;
    private final StepRetries retries;
    private final Map<String, StepFailureReport> reports = new HashMap<>();
    private final Sleep sleep;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile ConnectException failure;
    /** Whether the swap attempts of earlier tasks were read into the metrics' tally. */
    private boolean recounted;
    private boolean prepared;

    /** {@code auditWritten}: told after every transition the reconciler commits (with its audit row). */
    public Reconciler(MigrationOptions config, String migrationId, AuditSignal auditWritten) {
        this(config, migrationId, auditWritten, null);
    }

    /** {@code sleep}: how the reconciler waits (null: for real, cut short by {@link #stop()}). */
    public Reconciler(MigrationOptions config, String migrationId, AuditSignal auditWritten, Sleep sleep) {
        this(config, migrationId, auditWritten, sleep, new Connections(config.connection()));
    }

    private Reconciler(MigrationOptions config, String migrationId, AuditSignal auditWritten, Sleep sleep,
                       Connections connections) {
        this(config, migrationId, new MySqlSidecar(connections::main, config.sidecar()),
                new MySqlTables(connections::main), auditWritten, sleep, connections, null);
    }

    /** The loop over the given parts (unit tests give fakes; {@code work} null: MySQL's). */
    Reconciler(MigrationOptions config, String migrationId, Sidecar sidecar, Tables tables, AuditSignal auditWritten,
               Sleep sleep, Connections connections, RequestWork work) {
        this.config = config;
        this.migrationId = migrationId;
        this.connections = connections;
        this.sidecar = sidecar;
        this.sleep = sleep == null ? this::awaitStop : sleep;
        this.retries = new StepRetries(config.stepRetries(), config.stepBackoffMs(), config.stepBackoffMaxMs());
        Transitions transitions = new Transitions(migrationId, sidecar, auditWritten, config.revertWindow());
        long waitMs = config.cutover().catchupMs();
        this.work = work != null ? work : new MySqlRequestWork(migrationId, connections, config.sidecar(), sidecar,
                tables, transitions, new MySqlRequestWork.CopyOptions(config.chunkRows(), config.copyThreads(),
                        config.throttle(), config.deferIndexesRows()),
                config.cutover(), config.syncIntervalMs(), config.checksum());
        this.canceller = new MigrationCanceller(sidecar, tables, transitions, waitMs);
        this.tick = new RequestTick(migrationId, config, sidecar, new RequestTick.Steps(this.work,
                new SwapSettler(sidecar, tables, transitions), canceller,
                new WindowCloser(sidecar, tables, transitions, waitMs, config.retireDrop()),
                new SinkVerdicts(sidecar, transitions), config.syncIntervalMs()));
        ReconcilerLease named = new ReconcilerLease(migrationId);
        this.lease = connections == null ? always() : new Lease() {
            @Override
            public boolean hold() throws SQLException {
                return named.hold(connections.main());
            }

            @Override
            public void lost() {
                named.lost();
            }
        };
    }

    private static Lease always() {
        return new Lease() {
            @Override
            public boolean hold() {
                return true;
            }

            @Override
            public void lost() {
            }
        };
    }

    @Override
    public void run() {
        LOG.info("migration {}: reconciler started, target {}", migrationId, config.target().wireName());
        while (!stopping) {
            boolean busy = false;
            try {
                busy = tick();
                if (retries.succeeded(tick.step())) {
                    for (StepFailureReport report : reports.values()) {
                        report.recovered(tick.step());
                    }
                }
            }
            catch (ConnectException e) {
                LOG.error("migration {}: {}", migrationId, e.getMessage());
                failure = e;
                break;
            }
            catch (SQLException | RuntimeException e) {
                reset();
                if (!retry(e)) {
                    break;
                }
                continue;
            }
            if (!busy) {
                sleep.sleep(TICK_MS);
            }
        }
        work.close();
        if (connections != null) {
            connections.close();
        }
        LOG.info("migration {}: reconciler stopped", migrationId);
    }

    /** One tick: the sidecar made once, the lease held, then the request's step. */
    boolean tick() throws SQLException {
        tick.begin();
        if (!prepared) {
            sidecar.ensure();
            prepared = true;
        }
        if (!lease.hold()) {
            work.stopCopies();
            return false;
        }
        boolean busy = tick.tick();
        if (!recounted && !tick.seen().isEmpty()) {
            work.recountSwaps(tick.seen().get(0).migrationId()); // the attempts of earlier tasks, for the metrics
            recounted = true;
        }
        return busy;
    }

    /**
     * A step threw: shows it in every member's row and waits for the next attempt; or, when the
     * attempts are used up, fails the request (see {@link #giveUp}). False when the reconciler ends.
     */
    private boolean retry(Exception error) {
        String step = tick.step();
        StepRetries.Verdict verdict = retries.failed(step, error);
        if (verdict.giveUp()) {
            giveUp(error, verdict);
            return false;
        }
        List<MigrationRow> rows = List.of();
        try {
            rows = sidecar.members(migrationId);
        }
        catch (SQLException | RuntimeException unreadable) {
            reset();
        }
        if (rows.isEmpty()) {
            report(migrationId).failed(null, step, error, verdict);
        }
        for (MigrationRow row : rows) {
            report(row.migrationId()).failed(row, step, error, verdict);
        }
        sleep.sleep(verdict.delayMs());
        return true;
    }

    private StepFailureReport report(String memberId) {
        return reports.computeIfAbsent(memberId, id -> new StepFailureReport(id, sidecar));
    }

    /**
     * The step failed {@code migration.step.retries} times: before the cut-over the request fails
     * and what it made is undone (the shadows dropped, the sink stopped by stop markers), every
     * table untouched; after it (complete, reverted) nothing is changed and the rows say so. Either
     * way the task fails with the reason, so the connector's status shows it; restarting the task
     * tries again.
     */
    private void giveUp(Exception error, StepRetries.Verdict verdict) {
        String reason = tick.step() + " failed " + verdict.attempt() + " times; the last error: "
                + StepFailureReport.describe(error);
        if (verdict.newError()) {
            LOG.error("migration {}: giving up: {}", migrationId, reason, error);
        }
        else {
            LOG.error("migration {}: giving up: {}", migrationId, reason);
        }
        reports.values().forEach(StepFailureReport::forget);
        String outcome;
        try {
            outcome = giveUp(sidecar.members(migrationId), reason);
        }
        catch (SQLException | RuntimeException e) {
            outcome = "and recording that failed too: " + StepFailureReport.describe(e);
            reset();
        }
        failure = new ConnectException("migration '" + migrationId + "': " + reason + "; " + outcome);
    }

    private String giveUp(List<MigrationRow> rows, String reason) throws SQLException {
        if (rows.isEmpty()) {
            return "nothing was created";
        }
        MigrationRow first = rows.get(0);
        MigrationState state = first.state();
        if (state == MigrationState.QUEUED || state == MigrationState.RUNNING || state == MigrationState.READY) {
            tick.failRequest(null, "gave up: " + reason);
            return rows.size() == 1 ? "the migration failed and its shadow table " + first.shadowTable()
                    + " was dropped; " + first.tableSchema() + "." + first.tableName() + " is untouched"
                    : "the request failed and what its members built was dropped; every table is untouched";
        }
        for (MigrationRow row : rows) {
            sidecar.note(row.migrationId(), row.state().wireName() + ": " + tick.step() + " gave up", "gave up: "
                    + reason + ". Nothing was changed; restart the connector's task to try again");
        }
        return "nothing was changed (state " + state.wireName() + "); restart the task to try again";
    }

    private void reset() {
        work.stopCopies();
        if (connections != null) {
            connections.reset();
        }
        lease.lost();
    }

    public void stop() {
        stopping = true;
        stopped.countDown();
    }

    /** Waits between ticks and attempts; a seam for tests, as gh-ost's {@code RetrySleepFn}. */
    @FunctionalInterface
    public interface Sleep {
        void sleep(long ms);
    }

    /** Waits {@code ms}, or less when the reconciler is stopped meanwhile. */
    private void awaitStop(long ms) {
        try {
            stopped.await(ms, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            stopping = true;
        }
    }

    /**
     * The migration's row as the last tick read it (a request's first member: its members move as
     * one): what the metrics show, never read anew for them.
     */
    public Optional<MigrationRow> lastRow() {
        return tick.seen().stream().findFirst();
    }

    /** The copies' own rate (rows per second, smoothed over their chunks); 0 before the first chunk. */
    public long copyRowsPerSecond() {
        return work.copyRowsPerSecond();
    }

    /** How long the copies were held by their throttles in this task, in milliseconds. */
    public long copyThrottledMs() {
        return work.copyThrottledMs();
    }

    /** The swap attempts of this task and how long the last kept the writers out. */
    public SwapTally swapTally() {
        return work.swapTally();
    }

    /** Why the reconciler ended for good (the task fails with it), or null. */
    public ConnectException failure() {
        return failure;
    }
}
