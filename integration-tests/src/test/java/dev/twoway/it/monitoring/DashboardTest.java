package dev.twoway.it.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.common.utils.Time;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.twoway.coordinator.MigrationMetrics;
import dev.twoway.coordinator.cutover.SwapTally;
import dev.twoway.core.state.MemberKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.it.support.ExporterScrape;
import dev.twoway.it.support.StackProcess;
import dev.twoway.sink.Route;
import dev.twoway.sink.SinkTaskMetrics;

/**
 * The monitoring files agree with the code: the metrics the coordinator and the sink register,
 * published as Connect publishes plugin metrics (a JmxReporter with the prefix kafka.connect and
 * the tags connector and task), become through config/monitoring/twoway-jmx-exporter.yml, applied
 * by the JMX exporter's own collector, exactly the series expected; and the Grafana dashboard
 * asks only for those series and labels they carry.
 */
class DashboardTest {
    private static final Pattern METRIC = Pattern.compile("\\btwoway_[a-z0-9_]+\\b");
    private static final Pattern MATCHER = Pattern.compile("\\b(twoway_[a-z0-9_]+)\\{([^}]*)}");
    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-z_]+)\\s*(=~|!~|!=|=)");
    private static final Pattern LEGEND_LABEL = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");
    private static final Pattern LABEL_VALUES = Pattern.compile("label_values\\((twoway_[a-z0-9_]+),\\s*([a-z_]+)\\)");

    private Metrics metrics;
    private List<ExporterScrape.Series> series;

    @BeforeEach
    void registerAndScrape() {
        JmxReporter jmx = new JmxReporter();
        metrics = new Metrics(new MetricConfig(), List.of(jmx), Time.SYSTEM, new KafkaMetricsContext("kafka.connect"));
        MigrationRow complete = new MigrationRow("dashboard-test-m", "demo", "users", "ALTER TABLE demo.users DROP COLUMN t",
                MigrationState.COMPLETE, "complete", "s", "o", "{}", 10, 10, null, 0L, 3L, null, null, null, null, null,
                null, null, true, null, null, MemberKind.ALTER, "dashboard-test-m", 1);
        MigrationMetrics.register(new PluginMetricsImpl(metrics, connect("dashboard-test-coordinator")), "dashboard-test-m",
                new MigrationMetrics.Readings() {
                    public Optional<MigrationRow> row() {
                        return Optional.of(complete);
                    }

                    public long copyRowsPerSecond() {
                        return 0;
                    }

                    public SwapTally swaps() {
                        return new SwapTally();
                    }
                }, Clock.systemUTC());
        SinkTaskMetrics sink = SinkTaskMetrics.register(new PluginMetricsImpl(metrics, connect("dashboard-test-sink")));
        sink.opened(List.of(new TopicPartition("twoway.demo.users", 0)),
                p -> new SinkTaskMetrics.PartitionView(Route.forward("dashboard-test-m"), false));
        series = ExporterScrape.rules().scrape().stream()
                .filter(s -> s.label("connector") != null && s.label("connector").startsWith("dashboard-test-")).toList();
    }

    @AfterEach
    void unregister() {
        metrics.close();
    }

    private static Map<String, String> connect(String connector) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("connector", connector);
        tags.put("task", "0");
        return tags;
    }

    @Test
    void theRulesExportEveryRegisteredMetricButTheStageAndNothingElse() {
        Set<String> expected = new TreeSet<>();
        MigrationMetrics.NAMES.stream().filter(n -> !n.equals(MigrationMetrics.STAGE))
                .forEach(n -> expected.add("twoway_migration_" + n.replace('-', '_')));
        SinkTaskMetrics.TASK_NAMES.forEach(n -> expected.add("twoway_sink_" + n.replace('-', '_')));
        SinkTaskMetrics.PARTITION_NAMES.forEach(n -> expected.add("twoway_sink_partition_" + n.replace('-', '_')));
        assertEquals(expected, ExporterScrape.names(series), "series the rules make of the registered metrics");
    }

    @Test
    void stringMetricsBecomeLabelsOfASeriesOfValueOne() {
        ExporterScrape.Series state = ExporterScrape.find(series, "twoway_migration_state", Map.of()).orElseThrow();
        assertEquals(Map.of("connector", "dashboard-test-coordinator", "task", "0", "migration", "dashboard-test-m",
                "state", "complete"), state.labels());
        assertEquals(1.0, state.value());
        ExporterScrape.Series direction = ExporterScrape.find(series, "twoway_sink_partition_direction", Map.of()).orElseThrow();
        assertEquals(Map.of("connector", "dashboard-test-sink", "task", "0", "topic", "twoway.demo.users",
                "partition", "0", "direction", "forward"), direction.labels());
        assertEquals(10.0, ExporterScrape.find(series, "twoway_migration_rows_copied", Map.of()).orElseThrow().value());
    }

    @Test
    void theDashboardAsksOnlyForExportedSeriesAndShowsEachOfThem() throws IOException {
        Set<String> exported = ExporterScrape.names(series);
        Set<String> asked = new TreeSet<>();
        for (String query : queries()) {
            Matcher m = METRIC.matcher(query);
            while (m.find()) {
                asked.add(m.group());
            }
        }
        assertTrue(exported.containsAll(asked), "the dashboard asks only for exported series; unknown: "
                + new TreeSet<>(asked) {{ removeAll(exported); }});
        assertEquals(exported, asked, "every exported series is on the dashboard");
    }

    @Test
    void everyLabelTheDashboardFiltersOnOrShowsIsOneItsSeriesCarry() throws IOException {
        List<String> problems = new ArrayList<>();
        for (JsonNode target : targets()) {
            String expr = target.path("expr").asText();
            Set<String> metricsOfExpr = new TreeSet<>();
            Matcher names = METRIC.matcher(expr);
            while (names.find()) {
                metricsOfExpr.add(names.group());
            }
            Matcher selectors = MATCHER.matcher(expr);
            while (selectors.find()) {
                Matcher labels = MATCHER_LABEL.matcher(selectors.group(2));
                while (labels.find()) {
                    check(problems, selectors.group(1), labels.group(1), expr);
                }
            }
            Matcher legend = LEGEND_LABEL.matcher(target.path("legendFormat").asText());
            while (legend.find()) {
                for (String metric : metricsOfExpr) {
                    check(problems, metric, legend.group(1), expr);
                }
            }
        }
        for (JsonNode variable : dashboard().path("templating").path("list")) {
            Matcher m = LABEL_VALUES.matcher(variable.path("definition").asText());
            if (m.find()) {
                check(problems, m.group(1), m.group(2), variable.path("definition").asText());
            }
        }
        assertEquals(List.of(), problems);
    }

    private void check(List<String> problems, String metric, String label, String where) {
        boolean carried = series.stream().filter(s -> s.name().equals(metric)).anyMatch(s -> s.labels().containsKey(label));
        if (!carried) {
            problems.add(metric + " has no label " + label + " (in " + where + ")");
        }
    }

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(StackProcess.repoRoot().resolve("config/monitoring/twoway-dashboard.json").toFile());
    }

    private static List<JsonNode> targets() throws IOException {
        List<JsonNode> out = new ArrayList<>();
        dashboard().path("panels").forEach(p -> p.path("targets").forEach(out::add));
        return out;
    }

    /** Every query of the dashboard: its panels' expressions and its variables' definitions. */
    private static List<String> queries() throws IOException {
        List<String> out = new ArrayList<>();
        targets().forEach(t -> out.add(t.path("expr").asText()));
        dashboard().path("templating").path("list").forEach(v -> out.add(v.path("definition").asText()));
        return out;
    }
}
