package dev.twoway.it.support;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.prometheus.jmx.JmxCollector;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.DataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.Label;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.UnknownSnapshot;

/**
 * What Prometheus would scrape from this JVM through config/monitoring/twoway-jmx-exporter.yml:
 * the JMX exporter's own collector applied to the platform MBeanServer, the way its agent runs
 * on a Connect worker. The embedded Connect cluster of the tests runs in this JVM.
 */
public final class ExporterScrape {
    /** One series: its name as exposed (a counter's with {@code _total}), its labels and its value. */
    public record Series(String name, Map<String, String> labels, double value) {
        public String label(String key) {
            return labels.get(key);
        }
    }

    private final JmxCollector collector;

    private ExporterScrape(JmxCollector collector) {
        this.collector = collector;
    }

    public static ExporterScrape rules() {
        Path file = StackProcess.repoRoot().resolve("config/monitoring/twoway-jmx-exporter.yml");
        try {
            // Registered in a registry of its own (it records its scrape's duration there), not the default one.
            return new ExporterScrape(new JmxCollector(new File(file.toString())).register(new PrometheusRegistry()));
        }
        catch (Exception e) {
            throw new AssertionError("the exporter cannot read " + file + ": " + e, e);
        }
    }

    /** Every twoway series exposed now. */
    public List<Series> scrape() {
        List<Series> out = new ArrayList<>();
        for (MetricSnapshot snapshot : collector.collect()) {
            String name = snapshot.getMetadata().getPrometheusName();
            if (!name.startsWith("twoway_")) {
                continue;
            }
            String exposed = snapshot instanceof CounterSnapshot ? name + "_total" : name;
            for (DataPointSnapshot point : snapshot.getDataPoints()) {
                Map<String, String> labels = new LinkedHashMap<>();
                for (Label label : point.getLabels()) {
                    labels.put(label.getName(), label.getValue());
                }
                out.add(new Series(exposed, labels, value(point)));
            }
        }
        return out;
    }

    /** The names of {@code series}, sorted. */
    public static TreeSet<String> names(List<Series> series) {
        return series.stream().map(Series::name).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The series named {@code name} whose labels include {@code labels}. */
    public static Optional<Series> find(List<Series> series, String name, Map<String, String> labels) {
        return series.stream().filter(s -> s.name().equals(name))
                .filter(s -> labels.entrySet().stream().allMatch(e -> e.getValue().equals(s.labels().get(e.getKey()))))
                .findFirst();
    }

    private static double value(DataPointSnapshot point) {
        if (point instanceof GaugeSnapshot.GaugeDataPointSnapshot gauge) {
            return gauge.getValue();
        }
        if (point instanceof CounterSnapshot.CounterDataPointSnapshot counter) {
            return counter.getValue();
        }
        if (point instanceof UnknownSnapshot.UnknownDataPointSnapshot unknown) {
            return unknown.getValue();
        }
        throw new AssertionError("a twoway series of an unexpected kind: " + point);
    }
}
