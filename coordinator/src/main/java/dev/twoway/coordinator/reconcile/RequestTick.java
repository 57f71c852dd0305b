package dev.twoway.coordinator.reconcile;

import java.sql.SQLException;
import java.time.Instant;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.function.UnaryOperator;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.coordinator.cutover.SwapSettler;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.source.StreamNotice;
import dev.twoway.coordinator.step.MigrationCanceller;
import dev.twoway.coordinator.step.RequestWork;
import dev.twoway.coordinator.step.SinkVerdicts;
import dev.twoway.coordinator.step.SyncMonitor;
import dev.twoway.coordinator.step.WindowCloser;
import dev.twoway.coordinator.validate.RequestValidation;
import dev.twoway.coordinator.validate.RevertRefusal;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * One tick of a deploy request (a single migration is a request of one): reads every member's
 * row, settles a swap a restart left undecided, turns what the sources and the sink found into
 * the request's transitions (a member that cannot go on fails the whole request; one that cannot
 * be reverted makes it not revertible), then asks {@link GroupStep} what to do and does it, on
 * each member or on the group as one.
 */
final class RequestTick {
    private static final Logger LOG = LoggerFactory.getLogger(RequestTick.class);
    /** How the message of a member failed by another begins. */
    static final String FAILED_WITH = "the deploy request failed: ";
    private static final Set<MigrationState> BEFORE_CUTOVER = EnumSet.of(MigrationState.QUEUED, MigrationState.RUNNING,
            MigrationState.READY);

    /** The steps that need no more than the sidecar and the tables, and the ones beyond ({@code work}). */
    record Steps(RequestWork work, SwapSettler settler, MigrationCanceller canceller, WindowCloser window,
                 SinkVerdicts verdicts, long syncIntervalMs) {
    }

    private final String requestId;
    private final MigrationOptions options;
    private final Sidecar sidecar;
    private final Steps steps;
    private final Map<String, SyncMonitor> syncs = new HashMap<>();
    /** The step under way, in words, for the row and the log when it fails. */
    private String step = "starting";
    /** The members' rows as this tick last read them, for the task's metrics (read from another thread). */
    private volatile List<MigrationRow> seen = List.of();

    RequestTick(String requestId, MigrationOptions options, Sidecar sidecar, Steps steps) {
        this.requestId = requestId;
        this.options = options;
        this.sidecar = sidecar;
        this.steps = steps;
    }

    String step() {
        return step;
    }

    /** The members' rows as the last tick read them (empty before the first, or before admission). */
    List<MigrationRow> seen() {
        return seen;
    }

    /** Before the tick proper (the sidecar made, the lease taken): what a failure there is called. */
    void begin() {
        step = "reading the state";
    }

    /** One step; true when more work is waiting right away (admission, building, the copy). */
    boolean tick() throws SQLException {
        begin();
        List<MigrationRow> rows = sidecar.members(requestId);
        seen = rows;
        if (!rows.isEmpty()) {
            checkSameStatements(rows);
            if (rows.stream().anyMatch(r -> swapsHappen(r.state()))) {
                step = "settling a swap";
                steps.settler().settle(rows);
                rows = sidecar.members(requestId);
            }
            if (failedBySourcesOrSink(rows)) {
                return false;
            }
            if (steps.verdicts().apply(rows)) {
                rows = sidecar.members(requestId);
            }
        }
        NextStep next = GroupStep.decide(rows.stream().map(MigrationRow::state).toList(), options.target(),
                facts(rows));
        step = next.words();
        return perform(next, rows);
    }

    /**
     * Before the cut-over, a member whose stream cannot reach the sink or whose rows the new schema
     * refuses (the sink records it) fails the whole request, every table untouched.
     */
    private boolean failedBySourcesOrSink(List<MigrationRow> rows) throws SQLException {
        for (MigrationRow row : rows) {
            if (!row.kind().streamed()) {
                continue;
            }
            Optional<String> problem = steps.work().sourcesProblem(row);
            if (problem.isEmpty() && (row.state() == MigrationState.RUNNING || row.state() == MigrationState.READY)) {
                problem = sidecar.sinkRefusal(row.migrationId());
            }
            if (problem.isPresent()) {
                failRequest(row, problem.get());
                return true;
            }
        }
        return false;
    }

    private NextStep.Facts facts(List<MigrationRow> rows) {
        Instant now = Instant.now();
        if (rows.isEmpty()) {
            return NextStep.Facts.beforeCutover(steps.work().swapDue());
        }
        return new NextStep.Facts(steps.work().swapDue(), rows.stream().anyMatch(r -> r.windowClosedAt(now)),
                rows.stream().allMatch(MigrationRow::revertible));
    }

    private boolean perform(NextStep next, List<MigrationRow> rows) throws SQLException {
        if (next != NextStep.COPY && next != NextStep.MEMBERS) {
            steps.work().stopCopies(); // the copy's workers run between ticks; no other step runs beside them
        }
        switch (next) {
            case ADMIT -> {
                steps.work().admit(options.ddl());
                return true;
            }
            case BUILD_SHADOW -> {
                for (MigrationRow row : rows) {
                    steps.work().build(row);
                }
                return true;
            }
            case COPY, MEMBERS -> {
                return members(rows);
            }
            case SYNC -> sync(rows);
            case CUTOVER -> steps.work().swap(rows, SwapPlan.forward(rows));
            case REVERT -> steps.work().swap(rows, SwapPlan.backward(rows));
            case FINALIZE -> steps.window().close(rows.stream().filter(r -> r.state() != MigrationState.FINALIZED)
                    .toList());
            case REFUSE_REVERT -> refuse(rows, r -> RevertRefusal.reason(r, Instant.now()), RevertRefusal::message,
                    "revert refused");
            case REFUSE_REAPPLY -> refuse(rows, RevertRefusal::reapplyReason, RevertRefusal::reapplyMessage,
                    "re-apply refused");
            case CANCEL -> {
                for (MigrationRow row : rows) {
                    if (BEFORE_CUTOVER.contains(row.state())) {
                        steps.canceller().cancel(row);
                    }
                }
            }
            case FAIL_REQUEST -> failRest(rows);
            case IDLE -> {
            }
        }
        return false;
    }

    /** Before the cut-over each member does its own step: build, copy (side by side), or keep measuring its lag. */
    private boolean members(List<MigrationRow> rows) throws SQLException {
        boolean busy = false;
        for (MigrationRow row : rows) {
            switch (row.state()) {
                case QUEUED -> {
                    steps.work().build(row);
                    busy = true;
                }
                case RUNNING -> {
                    RequestWork.CopyResult copy = steps.work().copy(row);
                    if (copy.outcome() == RequestWork.Copy.FAILED) {
                        failRequest(row, copy.reason());
                        return false;
                    }
                    busy |= copy.outcome() == RequestWork.Copy.MORE || copy.outcome() == RequestWork.Copy.DONE;
                }
                case READY -> sync(List.of(row));
                default -> {
                }
            }
        }
        return busy;
    }

    private void sync(List<MigrationRow> rows) throws SQLException {
        for (MigrationRow row : rows) {
            if (row.kind().streamed()) {
                syncs.computeIfAbsent(row.migrationId(), id -> new SyncMonitor(sidecar, steps.syncIntervalMs()))
                        .tick(row);
            }
        }
    }

    /**
     * The culprit fails with its reason, every other member before the cut-over with the request's
     * ({@code culprit} null: every member with the reason).
     */
    void failRequest(MigrationRow culprit, String reason) throws SQLException {
        steps.work().stopCopies(); // their workers must not write into the shadows being dropped
        // Read again: a member may have moved on in this tick (a CREATE to ready, say) before the culprit failed.
        for (MigrationRow row : sidecar.members(requestId)) {
            if (!BEFORE_CUTOVER.contains(row.state())) {
                continue;
            }
            steps.canceller().fail(row, culprit == null || row.migrationId().equals(culprit.migrationId()) ? reason
                    : FAILED_WITH + describe(culprit) + " failed: " + reason);
        }
    }

    /** A member failed or was cancelled on its own (at its shadow, say): the others follow it. */
    private void failRest(List<MigrationRow> rows) throws SQLException {
        List<MigrationRow> ended = rows.stream().filter(r -> !BEFORE_CUTOVER.contains(r.state())).toList();
        MigrationRow culprit = ended.stream().filter(r -> r.message() == null || !r.message().startsWith(FAILED_WITH))
                .findFirst().orElse(ended.get(0));
        String what = culprit.state() == MigrationState.CANCELLED ? " was cancelled"
                : " failed: " + (culprit.message() == null ? culprit.stage() : culprit.message());
        steps.work().stopCopies();
        for (MigrationRow row : rows) {
            if (BEFORE_CUTOVER.contains(row.state())) {
                steps.canceller().fail(row, FAILED_WITH + describe(culprit) + what);
            }
        }
    }

    /** Says why in every member's row (once: a refused target stays until the operator changes it). */
    private void refuse(List<MigrationRow> rows, Function<MigrationRow, Optional<String>> why,
                        UnaryOperator<String> asMessage, String stage) throws SQLException {
        Optional<String> reason = rows.stream().map(why).flatMap(Optional::stream).findFirst();
        if (reason.isEmpty()) {
            return;
        }
        String message = asMessage.apply(reason.get());
        boolean logged = false;
        for (MigrationRow row : rows) {
            if (message.equals(StreamNotice.without(row.message()))) {
                continue;
            }
            if (!logged) {
                LOG.warn("migration {}: {}", requestId, message);
                logged = true;
            }
            sidecar.note(row.migrationId(), row.state().wireName() + ": " + stage, message);
        }
    }

    private void checkSameStatements(List<MigrationRow> rows) {
        if (!RequestValidation.sameStatements(rows, options.ddl())) {
            String held = String.join("; ", rows.stream().map(MigrationRow::ddl).toList());
            throw new ConnectException("migration '" + requestId + "' exists with another statement: the state "
                    + "row has [" + held + "] but migration.ddl is [" + options.ddl() + "]. A migration's "
                    + "statement cannot change; use a new migration.id for a new statement");
        }
    }

    private static String describe(MigrationRow row) {
        return "member '" + row.migrationId() + "' (" + row.kind().name() + " TABLE " + row.tableSchema() + "."
                + row.tableName() + ")";
    }

    static boolean swapsHappen(MigrationState state) {
        return state == MigrationState.READY || state == MigrationState.COMPLETE || state == MigrationState.REVERTED;
    }
}
