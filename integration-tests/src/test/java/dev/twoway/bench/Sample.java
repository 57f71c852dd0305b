package dev.twoway.bench;

import java.util.EnumMap;
import java.util.Map;

/** The figures of one run of one tool under one condition. */
record Sample(String tool, Condition condition, int run, Map<Metric, Double> metrics) {
    static Sample of(String tool, Condition condition, int run) {
        return new Sample(tool, condition, run, new EnumMap<>(Metric.class));
    }

    Sample with(Metric metric, double value) {
        metrics.put(metric, value);
        return this;
    }

    double get(Metric metric) {
        return metrics.getOrDefault(metric, Double.NaN);
    }
}
