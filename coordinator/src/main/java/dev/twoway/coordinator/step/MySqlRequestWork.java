package dev.twoway.coordinator.step;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.copy.CopyRefusedException;
import dev.twoway.coordinator.copy.DeferredIndexes;
import dev.twoway.coordinator.copy.RowCopier;
import dev.twoway.coordinator.cutover.CutoverSettings;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.coordinator.throttle.Throttle;
import dev.twoway.coordinator.throttle.ThrottleSettings;
import dev.twoway.coordinator.source.SourceWatch;
import dev.twoway.core.ddl.DeployScript;
import dev.twoway.core.state.MemberKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * {@link RequestWork} on MySQL: one copier and one source watch per member (members copy side by
 * side: a range copy's workers go on between calls), one swap step for the group (its attempts
 * count for the whole request).
 */
public final class MySqlRequestWork implements RequestWork {
    /**
     * The copy options: rows in a first chunk, connections per member's copy, what throttles it,
     * from how many estimated rows the shadow's plain secondary indexes are built after the copy.
     */
    public record CopyOptions(int chunkRows, int threads, ThrottleSettings throttle, long deferIndexesRows) {
    }

    private final Connections connections;
    private final String database;
    private final Sidecar sidecar;
    private final Transitions transitions;
    private final CopyOptions copy;
    private final MigrationAdmission admission;
    private final ShadowStep shadow;
    private final DeferredIndexes indexes;
    private final StartGate startGate;
    private final SwapStep swaps;
    /** Concurrent: the task's metrics read the copies' rates from another thread. */
    private final Map<String, RowCopier> copiers = new java.util.concurrent.ConcurrentHashMap<>();
    private final Map<String, SourceWatch> watches = new HashMap<>();

    public MySqlRequestWork(String requestId, Connections connections, String database, Sidecar sidecar, Tables tables,
                            Transitions transitions, CopyOptions copy, CutoverSettings cutover, long syncIntervalMs,
                            SwapChecksum.Scope checksum) {
        this.connections = connections;
        this.database = database;
        this.sidecar = sidecar;
        this.transitions = transitions;
        this.copy = copy;
        this.admission = new MigrationAdmission(requestId, database, transitions, cutover.catchupMs());
        this.shadow = new ShadowStep(database, transitions, copy.deferIndexesRows());
        this.indexes = new DeferredIndexes(database);
        this.startGate = new StartGate(sidecar);
        this.swaps = new SwapStep(connections, sidecar, tables, cutover, new SyncMonitor(sidecar, syncIntervalMs),
                transitions, new SwapChecksum(connections, sidecar, transitions, cutover, database, checksum));
    }

    @Override
    public void admit(String ddl) throws SQLException {
        admission.admit(connections.main(), ddl);
    }

    @Override
    public void build(MigrationRow member) throws SQLException {
        Transitions moves = transitions.of(member.migrationId());
        switch (member.kind()) {
            case ALTER -> shadow.build(connections.main(), member, admission.takeShadow(member.migrationId()));
            case CREATE -> {
                Optional<String> refusal = new StagingTable(connections.main())
                        .create(DeployScript.parse(member.ddl()).get(0).create(), member.shadowTable());
                if (refusal.isPresent()) {
                    moves.move(MigrationState.QUEUED, MigrationState.FAILED, "refused", refusal.get());
                }
                else {
                    moves.move(MigrationState.QUEUED, MigrationState.RUNNING, "running: staging table "
                            + member.shadowTable() + " built; nothing to copy", null);
                }
            }
            case DROP -> moves.move(MigrationState.QUEUED, MigrationState.RUNNING, "running: nothing to build; "
                    + member.tableName() + " is parked by the cut-over", null);
        }
    }

    @Override
    public CopyResult copy(MigrationRow member) throws SQLException {
        if (member.kind() != MemberKind.ALTER) {
            transitions.of(member.migrationId()).move(MigrationState.RUNNING, MigrationState.READY,
                    "ready: nothing to copy (" + member.kind().name() + " TABLE)", null);
            return CopyResult.of(Copy.DONE);
        }
        if (member.copyLastKey() == null && !startGate.open(member)) {
            return CopyResult.of(Copy.WAITING);
        }
        try {
            if (copier(member).copyNext(member)) {
                return CopyResult.of(Copy.MORE);
            }
        }
        catch (CopyRefusedException e) {
            return new CopyResult(Copy.FAILED, e.getMessage());
        }
        return finishCopy(member);
    }

    private RowCopier copier(MigrationRow member) {
        return copiers.computeIfAbsent(member.migrationId(), id -> new RowCopier(connections, database,
                copy.chunkRows(), copy.threads(), copy.throttle()));
    }

    /**
     * The deferred indexes (when the shadow's were left out), then ready. Their build is one online ALTER that cannot be held
     * midway, so the throttle is passed before it starts: while throttled the member waits.
     */
    private CopyResult finishCopy(MigrationRow member) throws SQLException {
        String id = member.migrationId();
        if (indexes.pending(connections.main(), id)) {
            Throttle.Verdict verdict = copier(member).throttleVerdict(member);
            if (verdict.throttled()) {
                sidecar.stage(id, verdict.stage("copied; index build", System.nanoTime(), null));
                return CopyResult.of(Copy.WAITING);
            }
            sidecar.stage(id, "copied; building the shadow's secondary indexes");
            List<String> differ = indexes.build(connections.main(), id, member.tableSchema(), member.shadowTable());
            if (!differ.isEmpty()) {
                return new CopyResult(Copy.FAILED, "the shadow's secondary indexes, built after the copy, differ from "
                        + "what the statement gave it: " + String.join("; ", differ) + " is missing");
            }
        }
        MigrationRow now = sidecar.migration(id).orElse(member);
        sidecar.rowsTotal(id, now.rowsCopied());
        transitions.of(id).move(MigrationState.RUNNING, MigrationState.READY,
                String.format("ready: copied %,d rows; measuring the sink's lag", now.rowsCopied()), null);
        return CopyResult.of(Copy.DONE);
    }

    @Override
    public void stopCopies() {
        copiers.values().forEach(RowCopier::close);
    }

    @Override
    public boolean swapDue() {
        return swaps.due();
    }

    @Override
    public void swap(List<MigrationRow> members, SwapPlan plan) throws SQLException {
        swaps.swap(members, plan);
    }

    @Override
    public long copyRowsPerSecond() {
        return copiers.values().stream().mapToLong(RowCopier::rowsPerSecond).sum();
    }

    @Override
    public long copyThrottledMs() {
        return copiers.values().stream().mapToLong(RowCopier::throttledMs).sum();
    }

    @Override
    public SwapTally swapTally() {
        return swaps.tally();
    }

    @Override
    public void recountSwaps(String migrationId) throws SQLException {
        swaps.recount(migrationId);
    }

    @Override
    public Optional<String> sourcesProblem(MigrationRow member) throws SQLException {
        // One watch per member, kept across ticks (it checks once a second and remembers what it showed).
        return watches.computeIfAbsent(member.migrationId(), id -> new SourceWatch(database))
                .check(connections.main(), member);
    }

    @Override
    public void close() {
        stopCopies();
    }
}
