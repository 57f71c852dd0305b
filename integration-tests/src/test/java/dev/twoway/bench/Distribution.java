package dev.twoway.bench;

import java.util.Arrays;
import java.util.Collection;

/** Order statistics of a handful of measurements; NaN when there are none. */
final class Distribution {
    private final double[] sorted;

    private Distribution(double[] sorted) {
        this.sorted = sorted;
    }

    static Distribution of(Collection<Double> values) {
        return new Distribution(values.stream().filter(v -> !v.isNaN()).mapToDouble(Double::doubleValue).sorted().toArray());
    }

    static Distribution of(double[] values) {
        double[] copy = Arrays.stream(values).filter(v -> !Double.isNaN(v)).sorted().toArray();
        return new Distribution(copy);
    }

    boolean isEmpty() {
        return sorted.length == 0;
    }

    double min() {
        return isEmpty() ? Double.NaN : sorted[0];
    }

    double max() {
        return isEmpty() ? Double.NaN : sorted[sorted.length - 1];
    }

    double median() {
        if (isEmpty()) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    /** Nearest rank: the smallest value with at least {@code percentile}% of the values at or below it. */
    double percentile(double percentile) {
        if (isEmpty()) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(1, Math.min(sorted.length, rank)) - 1];
    }

    /** "median (min–max)", or the one value. */
    String summary(Metric metric) {
        if (isEmpty()) {
            return "n/a";
        }
        String median = metric.format(median());
        return sorted.length == 1 || min() == max() ? median
                : median + " (" + metric.format(min()) + "–" + metric.format(max()) + ")";
    }
}
