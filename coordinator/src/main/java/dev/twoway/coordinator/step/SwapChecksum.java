package dev.twoway.coordinator.step;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.checksum.ChecksumResult;
import dev.twoway.coordinator.checksum.ChecksumSnapshot;
import dev.twoway.coordinator.checksum.ComparedColumns;
import dev.twoway.coordinator.checksum.TableChecksum;
import dev.twoway.coordinator.cutover.CutoverAttempts;
import dev.twoway.coordinator.cutover.CutoverSettings;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnTypes;
import dev.twoway.core.state.ColumnTypesStore;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Before every swap (cut-over, revert, re-apply): proof that each member's live table and the
 * table the sink writes hold the same rows over the columns both carry unchanged
 * ({@link ComparedColumns}), read in two snapshots at one stream position
 * ({@link ChecksumSnapshot}) and compared chunk by chunk ({@link TableChecksum}). A pass is an
 * audit record ({@code state -> state}, stage {@code <state>: checksum passed before the <swap>})
 * and lets the swap go ahead until it succeeds; snapshots that cannot be had now are retried with
 * the cut-over's backoff, the stage saying why; a difference refuses the swap: nothing is
 * swapped, the row names the first differing keys, and the task fails with the same words.
 */
public final class SwapChecksum {
    private static final Logger LOG = LoggerFactory.getLogger(SwapChecksum.class);

    /** Which swaps are checked ({@code migration.checksum}). */
    public enum Scope {
        /** Every swap: the cut-over, each revert and each re-apply ({@code on}). */
        EVERY_SWAP,
        /** The first cut-over only: reverts and re-applies stay as fast as without ({@code cutover}). */
        FIRST_CUTOVER,
        /** None ({@code off}). */
        NONE;

        public static Scope fromWireName(String name) {
            return switch (name) {
                case "on" -> EVERY_SWAP;
                case "cutover" -> FIRST_CUTOVER;
                case "off" -> NONE;
                default -> throw new IllegalArgumentException("migration.checksum is on, cutover or off, not " + name);
            };
        }
    }

    private final Connections connections;
    private final Sidecar sidecar;
    private final Transitions transitions;
    private final CutoverSettings settings;
    private final ColumnTypesStore types;
    private final Scope scope;
    private final CutoverAttempts attempts;
    private MarkerKind passed;

    public SwapChecksum(Connections connections, Sidecar sidecar, Transitions transitions, CutoverSettings settings,
                        String database, Scope scope) {
        this.connections = connections;
        this.sidecar = sidecar;
        this.transitions = transitions;
        this.settings = settings;
        this.types = new ColumnTypesStore(database);
        this.scope = scope;
        this.attempts = new CutoverAttempts(settings, System::currentTimeMillis);
    }

    /** Whether a checksum may be tried now (attempts left, backoff over); always when off or passed. */
    public boolean due() {
        return scope == Scope.NONE || passed != null || attempts.due();
    }

    /** The swap succeeded: the next one is checked again. */
    public void swapped() {
        passed = null;
        attempts.reset();
    }

    /**
     * True when the swap may go ahead (passed now or earlier for this swap, or off); false when
     * the snapshots could not be had (the row says why and when the next attempt is).
     *
     * @throws ConnectException when the tables differ: the swap is refused
     */
    public boolean passes(List<MigrationRow> rows, SwapPlan plan) throws SQLException {
        if (!checked(rows, plan) || passed == plan.marker() || plan.streamed().isEmpty()) {
            return true;
        }
        List<ChecksumSnapshot.Pair> pairs = new ArrayList<>();
        List<ComparedColumns> compared = new ArrayList<>();
        List<Boolean> serverZone = new ArrayList<>();
        for (SwapPlan.Member m : plan.streamed()) {
            MigrationRow row = row(rows, m.migrationId());
            pairs.add(new ChecksumSnapshot.Pair(m.migrationId(), m.schema(), m.table(), m.incoming()));
            ColumnTypes columnTypes = types.read(connections.main(), m.migrationId());
            serverZone.add(columnTypes.serverZone());
            compared.add(ComparedColumns.of(m.schema(), m.table(), m.incoming(), ColumnMap.fromJson(row.columnMap()),
                    columnTypes, plan.marker() == MarkerKind.CUTOVER));
        }
        long start = System.nanoTime();
        stage(plan, plan.word() + ": checksum: taking snapshots at a checksum marker");
        try (ChecksumSnapshot snapshot = new ChecksumSnapshot(connections, sidecar);
             TableChecksum checksum = new TableChecksum()) {
            Optional<String> unavailable = snapshot.open(pairs, settings.lockWaitTimeoutSeconds(), settings.catchupMs());
            if (unavailable.isPresent()) {
                noteUnavailable(rows, plan, unavailable.get());
                return false;
            }
            List<ChecksumResult> results = new ArrayList<>();
            for (int i = 0; i < pairs.size(); i++) {
                ComparedColumns c = compared.get(i);
                stage(plan, plan.word() + ": checksum: comparing " + c.live().schema() + "." + c.live().table()
                        + " with " + c.written().table());
                snapshot.zone(serverZone.get(i));
                ChecksumResult result = checksum.compare(snapshot.live(), c.live(), snapshot.written(), c.written(),
                        c.ranged());
                if (!result.equal()) {
                    refuse(rows, plan, result, snapshot.markers().get(i));
                }
                results.add(result);
            }
            record(rows, plan, results, compared, snapshot.markers(), (System.nanoTime() - start) / 1_000_000L);
        }
        passed = plan.marker();
        return true;
    }

    /** Whether the scope checks this swap: the first cut-over is the one from {@code ready}. */
    private boolean checked(List<MigrationRow> rows, SwapPlan plan) {
        return switch (scope) {
            case EVERY_SWAP -> true;
            case FIRST_CUTOVER -> plan.marker() == MarkerKind.CUTOVER
                    && rows.stream().allMatch(r -> r.state() == MigrationState.READY);
            case NONE -> false;
        };
    }

    private void noteUnavailable(List<MigrationRow> rows, SwapPlan plan, String reason) throws SQLException {
        long backoff = attempts.failed();
        for (MigrationRow row : rows) {
            String state = row.state().wireName();
            if (attempts.exhausted()) {
                sidecar.note(row.migrationId(), state + ": " + plan.word() + " checksum gave up after "
                        + attempts.failures() + " attempts", "the checksum before the " + plan.word() + " gave up after "
                        + attempts.failures() + " attempts; the last: " + reason + ". Nothing was changed. Restart the "
                        + "connector's task to try again (or set migration.checksum=off to swap without it)");
            }
            else {
                sidecar.note(row.migrationId(), state + ": " + plan.word() + " checksum attempt " + attempts.failures()
                        + " of " + settings.retries() + " could not start; next in " + backoff + " ms", reason);
            }
        }
        LOG.warn("{}: checksum could not start: {}", plan.word(), reason);
    }

    /** The tables differ: every member's row says so, and the task fails with the same words. */
    private void refuse(List<MigrationRow> rows, SwapPlan plan, ChecksumResult result, long marker) throws SQLException {
        String message = plan.word() + " refused: the checksum at marker " + marker + " found " + result.mismatch()
                + ". Nothing was swapped. Find out what wrote the table behind twoway's back and repair it, or set "
                + "migration.checksum=off to swap anyway; restart the connector's task to check again";
        for (MigrationRow row : rows) {
            sidecar.note(row.migrationId(), row.state().wireName() + ": " + plan.word() + " refused: checksum mismatch",
                    message);
        }
        throw new ConnectException("migration '" + rows.get(0).deployId() + "': " + message);
    }

    /**
     * One audit record per member: what was compared, at which marker, how long the whole checksum
     * took (snapshots and every member's comparison) and its own comparison.
     */
    private void record(List<MigrationRow> rows, SwapPlan plan, List<ChecksumResult> results,
                        List<ComparedColumns> compared, List<Long> markers, long totalMs) throws SQLException {
        List<SwapPlan.Member> streamed = plan.streamed();
        for (int i = 0; i < streamed.size(); i++) {
            MigrationRow row = row(rows, streamed.get(i).migrationId());
            ChecksumResult r = results.get(i);
            ComparedColumns c = compared.get(i);
            String message = String.format("checksum at marker %d: %,d rows of %s.%s equal in %s in %d chunks over %s%s; "
                    + "took %.2f s (comparing this table %.2f s)", markers.get(i), r.rows(), c.live().schema(),
                    c.live().table(), c.written().table(), r.chunks(), c.live().columns(), c.skipped().isEmpty() ? ""
                    : "; not compared (type changes): " + c.skipped(), totalMs / 1000.0, r.millis() / 1000.0);
            transitions.of(row.migrationId()).move(row.state(), row.state(), row.state().wireName()
                    + ": checksum passed before the " + plan.word(), message);
        }
    }

    private void stage(SwapPlan plan, String stage) throws SQLException {
        sidecar.stage(plan.members().stream().map(SwapPlan.Member::migrationId).toList(), stage);
    }

    private static MigrationRow row(List<MigrationRow> rows, String id) {
        return rows.stream().filter(r -> r.migrationId().equals(id)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + id));
    }
}
