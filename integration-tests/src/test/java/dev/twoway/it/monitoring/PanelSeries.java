package dev.twoway.it.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A panel query of the dashboard evaluated over the exporter's scrapes of a run (what
 * {@code DashboardSamples} wrote), as Prometheus would with every dashboard variable at "All":
 * the two forms the dashboard uses, a selector {@code name{…}} and {@code 100 * a{…} / b{…}}
 * (one-to-one on identical labels). Anything else is refused, not guessed. Reads only.
 */
final class PanelSeries {
    private static final Pattern SELECTOR = Pattern.compile("\\s*([a-z_:][a-z0-9_:]*)(\\{[^}]*})?\\s*");
    private static final Pattern RATIO = Pattern.compile("\\s*100\\s*\\*\\s*([a-z_:][a-z0-9_:]*)\\{[^}]*}\\s*/\\s*"
            + "([a-z_:][a-z0-9_:]*)\\{[^}]*}\\s*");
    private static final Pattern LEGEND = Pattern.compile("\\{\\{\\s*([a-z_]+)\\s*}}");

    /** One scrape's value of a series. */
    record Point(long at, double value) {
    }

    /** A series over the run: its labels, its legend and its points in time order. */
    record Line(Map<String, String> labels, String legend, List<Point> points) {
        double last() {
            for (int i = points.size() - 1; i >= 0; i--) {
                if (!Double.isNaN(points.get(i).value())) {
                    return points.get(i).value();
                }
            }
            return Double.NaN;
        }
    }

    private final JsonNode samples;

    /** {@code samples}: {@code {"samples": [{"at", "series": [{"name", "labels", "value"}]}]}}. */
    PanelSeries(JsonNode samples) {
        this.samples = samples.path("samples");
    }

    long start() {
        return samples.path(0).path("at").asLong();
    }

    long end() {
        return samples.path(samples.size() - 1).path("at").asLong();
    }

    /**
     * The target's series, legends from its {@code legendFormat}; an instant query's only those
     * in the last scrape (a series the exporter stopped giving, an earlier state, is stale).
     */
    List<Line> evaluate(JsonNode target) {
        List<Line> lines = evaluateRange(target);
        if (!target.path("instant").asBoolean(false)) {
            return lines;
        }
        long last = end();
        return lines.stream().filter(l -> !l.points().isEmpty() && l.points().get(l.points().size() - 1).at() == last)
                .toList();
    }

    private List<Line> evaluateRange(JsonNode target) {
        String expr = target.path("expr").asText();
        String legend = target.path("legendFormat").asText("");
        Matcher ratio = RATIO.matcher(expr);
        if (ratio.matches()) {
            return ratio(series(ratio.group(1)), series(ratio.group(2)), legend);
        }
        Matcher selector = SELECTOR.matcher(expr);
        if (!selector.matches()) {
            throw new IllegalArgumentException("a query this renderer does not evaluate: " + expr);
        }
        List<Line> out = new ArrayList<>();
        series(selector.group(1)).forEach((labels, points) -> out.add(new Line(labels, legend(legend, labels), points)));
        return out;
    }

    private static List<Line> ratio(Map<Map<String, String>, List<Point>> numerators,
                                    Map<Map<String, String>, List<Point>> denominators, String legend) {
        List<Line> out = new ArrayList<>();
        numerators.forEach((labels, points) -> {
            Map<Long, Double> below = new TreeMap<>();
            denominators.getOrDefault(labels, List.of()).forEach(p -> below.put(p.at(), p.value()));
            List<Point> divided = new ArrayList<>();
            for (Point p : points) {
                Double d = below.get(p.at());
                if (d != null) {
                    divided.add(new Point(p.at(), d == 0 ? Double.NaN : 100 * p.value() / d));
                }
            }
            out.add(new Line(labels, legend(legend, labels), divided));
        });
        return out;
    }

    /** Every series named {@code name} over the run: labels to points. */
    private Map<Map<String, String>, List<Point>> series(String name) {
        Map<Map<String, String>, List<Point>> out = new LinkedHashMap<>();
        for (JsonNode sample : samples) {
            long at = sample.path("at").asLong();
            for (JsonNode s : sample.path("series")) {
                if (s.path("name").asText().equals(name)) {
                    Map<String, String> labels = new TreeMap<>();
                    s.path("labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
                    out.computeIfAbsent(labels, l -> new ArrayList<>()).add(new Point(at, s.path("value").asDouble()));
                }
            }
        }
        return out;
    }

    static String legend(String format, Map<String, String> labels) {
        if (format.isEmpty()) {
            return labels.toString();
        }
        Matcher m = LEGEND.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(labels.getOrDefault(m.group(1), "")));
        }
        return m.appendTail(out).toString();
    }
}
