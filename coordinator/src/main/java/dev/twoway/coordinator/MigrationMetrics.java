package dev.twoway.coordinator;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.Measurable;
import org.apache.kafka.common.metrics.MetricValueProvider;
import org.apache.kafka.common.metrics.PluginMetrics;

import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * A migration's metrics, through Connect's plugin metrics (KIP-877): one MBean
 * {@code kafka.connect:type=plugins,connector=<coordinator>,task=0,migration=<id>} on the worker
 * running the coordinator's task, removed by Connect when the task stops. Names and types follow
 * Connect's own: kebab-case, a string gauge for a state (as {@code connector-metrics.status}),
 * {@code -total} for counts, {@code -rate} for per second, the unit last; a value not known yet
 * is NaN, as Kafka's own measurables give it.
 *
 * <p>Nothing here is counted or read for the metrics alone: every value comes from what the
 * reconciler keeps anyway. The row as its last tick read it (state, stage, progress, ETA, lag,
 * the revert window: the sidecar row is the migration's truth, and reading it again on a JMX
 * thread would take a connection per scrape); the copy's own smoothed rate (the one its stage
 * and ETA are computed from, which the row only has in words); the swap's tally (the attempts as
 * the markers table counts them, read after each attempt, and the writers' wait the last attempt
 * measured by its lock, which no table records).
 */
public final class MigrationMetrics {
    public static final String STATE = "state";
    public static final String STAGE = "stage";
    public static final String ROWS_COPIED = "rows-copied";
    public static final String ROWS_TO_COPY = "rows-to-copy";
    public static final String ROWS_COPIED_RATE = "rows-copied-rate";
    public static final String COPY_ETA_SECONDS = "copy-eta-seconds";
    public static final String SINK_LAG_MS = "sink-lag-ms";
    public static final String COPY_THROTTLED_MS_TOTAL = "copy-throttled-ms-total";
    public static final String CUTOVER_ATTEMPTS_TOTAL = "cutover-attempts-total";
    public static final String REVERT_ATTEMPTS_TOTAL = "revert-attempts-total";
    public static final String LAST_WRITER_STALL_MS = "last-writer-stall-ms";
    public static final String REVERT_WINDOW_REMAINING_MS = "revert-window-remaining-ms";
    public static final String REVERTIBLE = "revertible";
    /** The tag added to Connect's {@code connector} and {@code task}. */
    public static final String MIGRATION_TAG = "migration";
    /** Every metric registered, in order. */
    public static final List<String> NAMES = List.of(STATE, STAGE, ROWS_COPIED, ROWS_TO_COPY, ROWS_COPIED_RATE,
            COPY_ETA_SECONDS, SINK_LAG_MS, COPY_THROTTLED_MS_TOTAL, CUTOVER_ATTEMPTS_TOTAL, REVERT_ATTEMPTS_TOTAL, LAST_WRITER_STALL_MS,
            REVERT_WINDOW_REMAINING_MS, REVERTIBLE);

    /** What the reconciler knows; each call is cheap and never blocks its thread. */
    public interface Readings {
        Optional<MigrationRow> row();

        long copyRowsPerSecond();

        SwapTally swaps();

        /** Milliseconds the copy was held by its throttle in this task. */
        default long copyThrottledMs() {
            return 0;
        }
    }

    private final PluginMetrics metrics;
    private final LinkedHashMap<String, String> tags = new LinkedHashMap<>();
    private final Readings readings;
    private final Clock clock;

    private MigrationMetrics(PluginMetrics metrics, String migrationId, Readings readings, Clock clock) {
        this.metrics = metrics;
        this.tags.put(MIGRATION_TAG, migrationId);
        this.readings = readings;
        this.clock = clock;
    }

    /** Registers every metric of the migration; Connect removes them with the task. */
    public static MigrationMetrics register(PluginMetrics metrics, String migrationId, Readings readings, Clock clock) {
        MigrationMetrics registered = new MigrationMetrics(metrics, migrationId, readings, clock);
        registered.registerAll();
        return registered;
    }

    private void registerAll() {
        add(STATE, "The migration's state: queued, running, ready, complete, reverted, finalized, failed or cancelled "
                + "(empty before its row exists).", (Gauge<String>) (config, now) -> row()
                .map(r -> r.state().wireName()).orElse(""));
        add(STAGE, "Where the migration is, in words (the state row's stage).",
                (Gauge<String>) (config, now) -> row().map(MigrationRow::stage).orElse(""));
        // NaN until the row is read (also right after each restart of the task), not 0: a copy gone back to nothing.
        add(ROWS_COPIED, "Rows the copy has written into the shadow table; NaN before the row is read.",
                (Measurable) (config, now) -> row().map(r -> (double) r.rowsCopied()).orElse(Double.NaN));
        add(ROWS_TO_COPY, "Rows the copy expects to write (the table's estimate, then the rows copied once done); NaN "
                + "before the row is read.",
                (Measurable) (config, now) -> row().map(r -> (double) r.rowsTotal()).orElse(Double.NaN));
        add(ROWS_COPIED_RATE, "Rows the copy writes per second, smoothed over its chunks; 0 when not copying.",
                (Measurable) (config, now) -> copying() ? readings.copyRowsPerSecond() : 0);
        add(COPY_ETA_SECONDS, "Seconds until the copy is done, at its current rate; NaN while unknown, 0 once copied.",
                (Measurable) (config, now) -> etaSeconds());
        add(SINK_LAG_MS, "How far the sink is behind the table, measured by the last sync marker: from its insert to the "
                + "sink's applying it; NaN before the first.", (Measurable) (config, now) -> row().map(MigrationRow::lagMs)
                .map(Long::doubleValue).orElse(Double.NaN));
        add(COPY_THROTTLED_MS_TOTAL, "Milliseconds the copy (or the deferred index build) was held by its throttle "
                + "(migration.throttle.*) since the task started.",
                (Gauge<Long>) (config, now) -> readings.copyThrottledMs());
        add(CUTOVER_ATTEMPTS_TOTAL, "Cut-over and re-apply attempts that got the lock (each leaves a cutover "
                + "marker).",
                (Gauge<Long>) (config, now) -> readings.swaps().cutovers());
        add(REVERT_ATTEMPTS_TOTAL, "Revert attempts that got the lock (each leaves a revert marker).",
                (Gauge<Long>) (config, now) -> readings.swaps().reverts());
        add(LAST_WRITER_STALL_MS, "How long the last swap attempt kept the table's writers waiting, measured by the lock: "
                + "from the lock request until the RENAME ran or the lock was given up; NaN before the first.",
                (Measurable) (config, now) -> nanIfEmpty(readings.swaps().lastWritersBlockedMs()));
        add(REVERT_WINDOW_REMAINING_MS, "Milliseconds left in the revert window; NaN before the first cut-over, 0 once "
                + "closed.", (Measurable) (config, now) -> windowRemainingMs());
        add(REVERTIBLE, "1 while the migration can still be swapped either way (state complete or reverted, revertible, "
                + "the revert window open), else 0.", (Gauge<Integer>) (config, now) -> revertible() ? 1 : 0);
    }

    private void add(String name, String description, MetricValueProvider<?> value) {
        MetricName metricName = metrics.metricName(name, description, tags);
        metrics.addMetric(metricName, value);
    }

    private Optional<MigrationRow> row() {
        return readings.row();
    }

    private boolean copying() {
        return row().map(r -> r.state() == MigrationState.RUNNING).orElse(false);
    }

    private double etaSeconds() {
        Optional<MigrationRow> row = row();
        if (row.isEmpty() || row.get().state() == MigrationState.QUEUED) {
            return Double.NaN;
        }
        if (row.get().state() != MigrationState.RUNNING) {
            return 0;
        }
        return row.get().etaSeconds() == null ? Double.NaN : row.get().etaSeconds();
    }

    private double windowRemainingMs() {
        Optional<Instant> until = row().map(MigrationRow::revertibleUntil);
        if (until.isEmpty()) {
            return Double.NaN;
        }
        return Math.max(0, until.get().toEpochMilli() - clock.millis());
    }

    private boolean revertible() {
        return row().filter(r -> r.state() == MigrationState.COMPLETE || r.state() == MigrationState.REVERTED)
                .filter(MigrationRow::revertible)
                .filter(r -> !r.windowClosedAt(clock.instant()))
                .isPresent();
    }

    private static double nanIfEmpty(OptionalLong value) {
        return value.isPresent() ? value.getAsLong() : Double.NaN;
    }
}
