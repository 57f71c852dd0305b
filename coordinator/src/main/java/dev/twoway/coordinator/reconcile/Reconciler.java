package dev.twoway.coordinator.reconcile;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.copy.CopyRefusedException;
import dev.twoway.coordinator.copy.DeferredIndexes;
import dev.twoway.coordinator.copy.RowCopier;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.coordinator.cutover.SwapSettler;
import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.MySqlSidecar;
import dev.twoway.coordinator.sidecar.MySqlTables;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.coordinator.source.SourceWatch;
import dev.twoway.coordinator.source.StreamNotice;
import dev.twoway.coordinator.step.MigrationAdmission;
import dev.twoway.coordinator.step.MigrationCanceller;
import dev.twoway.coordinator.step.ShadowStep;
import dev.twoway.coordinator.step.StartGate;
import dev.twoway.coordinator.step.SwapStep;
import dev.twoway.coordinator.step.SyncMonitor;
import dev.twoway.coordinator.step.WindowCloser;
import dev.twoway.coordinator.validate.RevertRefusal;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * The task's background loop: every tick it reads the state row, asks {@link NextStep} what to do
 * for (state, target), and does that one step. Everything that matters is in the row, so a new
 * task (after a restart or a changed target) picks up exactly where the row says.
 */
public final class Reconciler implements Runnable {
    private static final Logger LOG = LoggerFactory.getLogger(Reconciler.class);
    static final long TICK_MS = 200;

    private final MigrationOptions config;
    private final String migrationId;
    private final Connections connections;
    private final Sidecar sidecar;
    private final Transitions transitions;
    private final MigrationAdmission admission;
    private final ShadowStep shadow;
    private final RowCopier copier;
    private final DeferredIndexes indexes;
    private final StartGate startGate;
    private final SyncMonitor sync;
    private final MigrationCanceller canceller;
    private final SwapSettler settler;
    private final SwapStep swaps;
    private final WindowCloser window;
    private final ReconcilerLease lease;
    private final SourceWatch sources;
    private final StepRetries retries;
    private final StepFailureReport report;
    private final Sleep sleep;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean stopping;
    private volatile ConnectException failure;
    /** The row as the last tick read it, for the task's metrics (read from another thread). */
    private volatile MigrationRow lastRow;
    private boolean prepared;
    /** The step under way, in words, for the row and the log when it fails. */
    private String step = "starting";

    /** {@code auditWritten}: told after every transition the reconciler commits (with its audit row). */
    public Reconciler(MigrationOptions config, String migrationId, AuditSignal auditWritten) {
        this(config, migrationId, auditWritten, null);
    }

    /** {@code sleep}: how the reconciler waits (null: for real, cut short by {@link #stop()}). */
    public Reconciler(MigrationOptions config, String migrationId, AuditSignal auditWritten, Sleep sleep) {
        String database = config.sidecar();
        this.sleep = sleep == null ? this::awaitStop : sleep;
        this.retries = new StepRetries(config.stepRetries(), config.stepBackoffMs(), config.stepBackoffMaxMs());
        this.config = config;
        this.migrationId = migrationId;
        this.connections = new Connections(config.connection());
        this.sidecar = new MySqlSidecar(connections::main, database);
        Tables tables = new MySqlTables(connections::main);
        this.report = new StepFailureReport(migrationId, sidecar);
        this.transitions = new Transitions(migrationId, sidecar, auditWritten, config.revertWindow());
        this.admission = new MigrationAdmission(migrationId, database, transitions, config.cutover().catchupMs());
        this.shadow = new ShadowStep(database, transitions);
        this.indexes = new DeferredIndexes(database);
        this.copier = new RowCopier(connections, database, config.chunkRows(), config.copyThreads());
        this.startGate = new StartGate(sidecar);
        this.sync = new SyncMonitor(sidecar, config.syncIntervalMs());
        this.canceller = new MigrationCanceller(sidecar, tables, transitions, config.cutover().catchupMs());
        this.settler = new SwapSettler(sidecar, tables, transitions);
        this.swaps = new SwapStep(connections, sidecar, tables, config.cutover(), sync, transitions);
        this.window = new WindowCloser(sidecar, tables, transitions, config.cutover().catchupMs(), config.retireDrop());
        this.lease = new ReconcilerLease(migrationId);
        this.sources = new SourceWatch(database, (row, message) -> {
            copier.close(); // its workers must not write into the shadow being dropped
            canceller.fail(row, message);
        });
    }

    @Override
    public void run() {
        LOG.info("migration {}: reconciler started, target {}", migrationId, config.target().wireName());
        while (!stopping) {
            boolean busy = false;
            try {
                busy = tick();
                if (retries.succeeded(step)) {
                    report.recovered(step);
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
        copier.close();
        connections.close();
        LOG.info("migration {}: reconciler stopped", migrationId);
    }

    /**
     * A step threw: shows it in the row and waits for the next attempt; or, when the attempts are
     * used up, fails the migration (see {@link #giveUp}). False when the reconciler ends.
     */
    private boolean retry(Exception error) {
        StepRetries.Verdict verdict = retries.failed(step, error);
        if (verdict.giveUp()) {
            giveUp(error, verdict);
            return false;
        }
        MigrationRow row = null;
        try {
            row = sidecar.migration(migrationId).orElse(null);
        }
        catch (SQLException | RuntimeException unreadable) {
            reset();
        }
        report.failed(row, step, error, verdict);
        sleep.sleep(verdict.delayMs());
        return true;
    }

    /**
     * The step failed {@code migration.step.retries} times: before the cut-over the migration fails
     * and what it made is undone (the shadow dropped, the sink stopped by a stop marker), the
     * table untouched; after it (complete, reverted) nothing is changed and the row says so. Either
     * way the task fails with the reason, so the connector's status shows it; restarting the task
     * tries again.
     */
    private void giveUp(Exception error, StepRetries.Verdict verdict) {
        String reason = step + " failed " + verdict.attempt() + " times; the last error: "
                + StepFailureReport.describe(error);
        if (verdict.newError()) {
            LOG.error("migration {}: giving up: {}", migrationId, reason, error);
        }
        else {
            LOG.error("migration {}: giving up: {}", migrationId, reason);
        }
        report.forget();
        String outcome;
        try {
            outcome = giveUp(sidecar.migration(migrationId).orElse(null), reason);
        }
        catch (SQLException | RuntimeException e) {
            outcome = "and recording that failed too: " + StepFailureReport.describe(e);
            reset();
        }
        failure = new ConnectException("migration '" + migrationId + "': " + reason + "; " + outcome);
    }

    private String giveUp(MigrationRow row, String reason) throws SQLException {
        if (row == null) {
            return "nothing was created";
        }
        MigrationState state = row.state();
        if (state == MigrationState.QUEUED || state == MigrationState.RUNNING || state == MigrationState.READY) {
            copier.close();
            canceller.fail(row, "gave up: " + reason);
            return "the migration failed and its shadow table " + row.shadowTable() + " was dropped; "
                    + row.tableSchema() + "." + row.tableName() + " is untouched";
        }
        sidecar.note(migrationId, state.wireName() + ": " + step + " gave up", "gave up: " + reason + ". Nothing was changed; restart the connector's task to try again");
        return "nothing was changed (state " + state.wireName() + "); restart the task to try again";
    }

    /** One step; true when more work is waiting right away (the copy). */
    boolean tick() throws SQLException {
        step = "reading the state";
        Connection c = connections.main();
        if (!prepared) {
            sidecar.ensure();
            prepared = true;
        }
        if (!lease.hold(c)) {
            copier.close();
            return false;
        }
        Optional<MigrationRow> row = sidecar.migration(migrationId);
        if (row.isPresent()) {
            checkSameStatement(row.get());
            if (swapsHappen(row.get().state())) {
                step = "settling a swap";
                settler.settle(row.get());
                row = sidecar.migration(migrationId);
            }
            if (lastRow == null && row.isPresent()) {
                swaps.recount(migrationId); // the attempts of earlier tasks, for the metrics
            }
            lastRow = row.orElse(null);
            if (row.isPresent() && sources.check(c, row.get())) {
                return false;
            }
        }
        if (row.isPresent() && refusedBySink(row.get())) {
            return false;
        }
        NextStep next = NextStep.decide(row.map(MigrationRow::state).orElse(null), config.target(),
                row.map(this::facts).orElse(NextStep.Facts.beforeCutover(swaps.due())));
        step = next.words();
        return perform(next, c, row.orElse(null));
    }

    /**
     * Before the cut-over, a row the new schema refuses (the sink records it: a value it cannot
     * hold, a duplicate on a key it adds) fails the migration with MySQL's reason; the shadow is
     * dropped and the table was never touched.
     */
    private boolean refusedBySink(MigrationRow row) throws SQLException {
        if (row.state() != MigrationState.RUNNING && row.state() != MigrationState.READY) {
            return false;
        }
        Optional<String> refusal = sidecar.sinkRefusal(migrationId);
        if (refusal.isEmpty()) {
            return false;
        }
        copier.close();
        canceller.fail(row, refusal.get());
        return true;
    }

    private static boolean swapsHappen(MigrationState state) {
        return state == MigrationState.READY || state == MigrationState.COMPLETE || state == MigrationState.REVERTED;
    }

    private NextStep.Facts facts(MigrationRow row) {
        return new NextStep.Facts(swaps.due(), row.windowClosedAt(Instant.now()), row.revertible());
    }

    /** Does the step; true when the next one can start at once (admission, shadow, copy lead straight on). */
    private boolean perform(NextStep step, Connection c, MigrationRow row) throws SQLException {
        if (step != NextStep.COPY) {
            copier.close(); // the copy's workers run between ticks; no other step runs beside them
        }
        switch (step) {
            case ADMIT -> {
                admission.admit(c, config.ddl());
                return true;
            }
            case BUILD_SHADOW -> {
                shadow.build(c, row);
                return true;
            }
            case COPY -> {
                return copy(c, row);
            }
            case SYNC -> sync.tick(row);
            case CUTOVER -> swaps.swap(row, SwapPlan.forward(row));
            case REVERT -> swaps.swap(row, SwapPlan.backward(row));
            case FINALIZE -> window.close(row);
            case REFUSE_REVERT -> refuseRevert(row);
            case CANCEL -> canceller.cancel(row);
            case IDLE -> {
            }
        }
        return false;
    }

    private boolean copy(Connection c, MigrationRow row) throws SQLException {
        if (row.copyLastKey() == null && !startGate.open(row)) {
            return false;
        }
        try {
            if (copier.copyNext(row)) {
                return true;
            }
        }
        catch (CopyRefusedException e) {
            canceller.fail(row, e.getMessage());
            return false;
        }
        finishCopy(c, row);
        return true;
    }

    private void finishCopy(Connection c, MigrationRow row) throws SQLException {
        sidecar.stage(migrationId, "copied; building the shadow's secondary indexes");
        List<String> differ = indexes.build(c, migrationId, row.tableSchema(), row.shadowTable());
        if (!differ.isEmpty()) {
            canceller.fail(row, "the shadow's secondary indexes, built after the copy, differ from what the statement "
                    + "gave it: " + String.join("; ", differ) + " is missing");
            return;
        }
        MigrationRow now = sidecar.migration(migrationId).orElse(row);
        sidecar.rowsTotal(migrationId, now.rowsCopied());
        transitions.move(MigrationState.RUNNING, MigrationState.READY,
                String.format("ready: copied %,d rows; measuring the sink's lag", now.rowsCopied()), null);
    }

    /** Says why in the row (once: a refused target stays until the operator changes it); nothing else changes. */
    private void refuseRevert(MigrationRow row) throws SQLException {
        Optional<String> reason = RevertRefusal.reason(row, Instant.now());
        if (reason.isEmpty()) {
            return;
        }
        String message = RevertRefusal.message(reason.get());
        if (message.equals(StreamNotice.without(row.message()))) {
            return;
        }
        LOG.warn("migration {}: {}", migrationId, message);
        sidecar.note(migrationId, row.state().wireName() + ": revert refused", message);
    }

    private void checkSameStatement(MigrationRow row) {
        if (!row.ddl().trim().equals(config.ddl().trim())) {
            throw new ConnectException("migration '" + migrationId + "' exists with another statement: the state "
                    + "row has [" + row.ddl() + "] but migration.ddl is [" + config.ddl() + "]. A migration's "
                    + "statement cannot change; use a new migration.id for a new statement");
        }
    }

    private void reset() {
        copier.close();
        connections.reset();
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

    /** The migration's row as the last tick read it: what the metrics show, never read anew for them. */
    public Optional<MigrationRow> lastRow() {
        return Optional.ofNullable(lastRow);
    }

    /** The copy's own rate (rows per second, smoothed over its chunks); 0 before its first chunk. */
    public long copyRowsPerSecond() {
        return copier.rowsPerSecond();
    }

    /** The swap attempts of this task and how long the last kept the writers out. */
    public SwapTally swapTally() {
        return swaps.tally();
    }

    /** Why the reconciler ended for good (the task fails with it), or null. */
    public ConnectException failure() {
        return failure;
    }
}
