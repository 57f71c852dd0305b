package dev.twoway.bench;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** The samples of a bench run, and the distributions the report and the goals read from them. */
final class Results {
    private final List<Sample> samples = new ArrayList<>();
    private final List<String> failures = new ArrayList<>();
    private final List<String> declared = new ArrayList<>();

    /** Tools in this order first in {@link #tools()}, whatever order they ran in. */
    void declare(List<String> order) {
        declared.addAll(order);
    }

    void add(Sample sample) {
        samples.add(sample);
    }

    void failed(Sample sample, Exception e) {
        failures.add(sample.tool() + ", " + sample.condition().name() + ", run " + sample.run() + ": " + e);
    }

    List<String> failures() {
        return failures;
    }

    /** The tools in the order they first ran. */
    Set<String> tools() {
        Set<String> tools = new LinkedHashSet<>(declared);
        samples.forEach(s -> tools.add(s.tool()));
        tools.removeIf(t -> samples.stream().noneMatch(s -> s.tool().equals(t)));
        return tools;
    }

    Distribution of(String tool, Condition condition, Metric metric) {
        return Distribution.of(samples.stream().filter(s -> s.tool().equals(tool) && s.condition().equals(condition))
                .map(s -> s.get(metric)).toList());
    }

    double median(String tool, Condition condition, Metric metric) {
        return of(tool, condition, metric).median();
    }

    /** The worst run of any of {@code tools} under {@code condition}. */
    double worst(Condition condition, Metric metric, String... tools) {
        double worst = Double.NaN;
        for (String tool : tools) {
            double max = of(tool, condition, metric).max();
            worst = Double.isNaN(worst) || max > worst ? max : worst;
        }
        return worst;
    }
}
