package dev.twoway.coordinator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.KafkaMetric;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MemberKind;
import dev.twoway.core.state.MigrationState;

class MigrationMetricsTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private final Metrics metrics = new Metrics();
    private final SwapTally swaps = new SwapTally();
    private MigrationRow row;
    private long rate;

    @AfterEach
    void close() {
        metrics.close();
    }

    private void register() {
        Map<String, String> connect = new LinkedHashMap<>();
        connect.put("connector", "m1");
        connect.put("task", "0");
        MigrationMetrics.register(new PluginMetricsImpl(metrics, connect), "users-drop-title", new MigrationMetrics.Readings() {
            public Optional<MigrationRow> row() {
                return Optional.ofNullable(row);
            }

            public long copyRowsPerSecond() {
                return rate;
            }

            public SwapTally swaps() {
                return swaps;
            }
        }, Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private Object value(String name) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", "m1");
        tags.put("task", "0");
        tags.put("migration", "users-drop-title");
        KafkaMetric metric = metrics.metric(new MetricName(name, "plugins", "", tags));
        assertTrue(metric != null, name + " is registered in group plugins with tags " + tags);
        return metric.metricValue();
    }

    private static MigrationRow row(MigrationState state, long copied, long total, Long eta, Long lag, Instant until,
                                    boolean revertible) {
        return new MigrationRow("users-drop-title", "demo", "users", "ALTER TABLE demo.users DROP COLUMN title", state,
                state.wireName() + ": stage", "users_tw1_new", "users_tw1_old", "{}", copied, total, null, eta, lag, null,
                null, null, null, null, null, null, revertible, until, null,
                MemberKind.ALTER, "users-drop-title", 1);
    }

    @Test
    void beforeTheRowExistsNothingIsKnown() {
        register();
        assertEquals("", value("state"));
        // Not 0: right after a restart of the task (every change of migration.target) the row is not read
        // yet, and a 0 would draw a copy that went back to nothing.
        assertTrue(Double.isNaN((Double) value("rows-copied")));
        assertTrue(Double.isNaN((Double) value("rows-to-copy")));
        assertTrue(Double.isNaN((Double) value("sink-lag-ms")));
        assertTrue(Double.isNaN((Double) value("copy-eta-seconds")));
        assertTrue(Double.isNaN((Double) value("revert-window-remaining-ms")));
        assertTrue(Double.isNaN((Double) value("last-writer-stall-ms")));
        assertEquals(0, value("revertible"));
    }

    @Test
    void whileCopyingTheRowsTheRateAndTheEtaShow() {
        register();
        row = row(MigrationState.RUNNING, 40_000, 100_000, 6L, null, null, true);
        rate = 10_000;
        assertEquals("running", value("state"));
        assertEquals("running: stage", value("stage"));
        assertEquals(40_000.0, value("rows-copied"));
        assertEquals(100_000.0, value("rows-to-copy"));
        assertEquals(10_000.0, value("rows-copied-rate"));
        assertEquals(6.0, value("copy-eta-seconds"));
        assertEquals(0, value("revertible"));
    }

    @Test
    void afterTheCopyTheRateIsZeroAndTheLagShows() {
        register();
        row = row(MigrationState.READY, 100_000, 100_000, 0L, 12L, null, true);
        rate = 10_000; // the copier's last rate stays; the copy is over
        assertEquals(0.0, value("rows-copied-rate"));
        assertEquals(0.0, value("copy-eta-seconds"));
        assertEquals(12.0, value("sink-lag-ms"));
    }

    @Test
    void afterTheCutoverTheWindowTheAttemptsAndTheWritersWaitShow() {
        register();
        swaps.counted(1, 1);
        swaps.attempted(OptionalLong.of(40));
        swaps.attempted(OptionalLong.of(25));
        swaps.attempted(OptionalLong.empty()); // locked nothing: the last wait measured stays
        row = row(MigrationState.COMPLETE, 100, 100, 0L, 5L, NOW.plusSeconds(90), true);
        assertEquals(1L, value("cutover-attempts-total"));
        assertEquals(1L, value("revert-attempts-total"));
        assertEquals(25.0, value("last-writer-stall-ms"));
        assertEquals(90_000.0, value("revert-window-remaining-ms"));
        assertEquals(1, value("revertible"));
    }

    @Test
    void aClosedWindowOrALossyInverseIsNotRevertible() {
        register();
        row = row(MigrationState.COMPLETE, 100, 100, 0L, 5L, NOW.minusSeconds(1), true);
        assertEquals(0.0, value("revert-window-remaining-ms"));
        assertEquals(0, value("revertible"));
        row = row(MigrationState.COMPLETE, 100, 100, 0L, 5L, NOW.plusSeconds(60), false);
        assertEquals(0, value("revertible"));
        row = row(MigrationState.REVERTED, 100, 100, 0L, 5L, NOW.plusSeconds(60), true);
        assertEquals(1, value("revertible"));
    }

    @Test
    void everyNameIsRegistered() {
        register();
        MigrationMetrics.NAMES.forEach(this::value);
        assertEquals(MigrationMetrics.NAMES.size(), metrics.metrics().keySet().stream()
                .filter(n -> n.group().equals("plugins")).count(), "exactly the names listed");
    }
}
