package dev.twoway.bench;

import java.util.ArrayList;
import java.util.List;

/**
 * twoway's goals (docs of issue 6), checked against the figures: not timed tests, a table of
 * met and missed. Times are medians of the runs; latencies and heap are the worst run.
 */
final class Goals {
    record Goal(String goal, String measured, boolean met) {
        String verdict() {
            return met ? "met" : "**missed**";
        }
    }

    private static final String TWOWAY = TwowayTool.NAME;
    private static final String PT = "pt-online-schema-change";
    private static final String GH_OST = "gh-ost";

    private Goals() {
    }

    static List<Goal> check(Results results, List<Condition> conditions, long rows) {
        List<Goal> goals = new ArrayList<>();
        for (Condition condition : conditions) {
            double twoway = results.median(TWOWAY, condition, Metric.TOTAL_S);
            double pt = results.median(PT, condition, Metric.TOTAL_S);
            goals.add(new Goal("total ≤ 1.0× pt-online-schema-change, " + condition.describe(),
                    String.format("%.2f× (%.1f s vs %.1f s)", twoway / pt, twoway, pt), twoway <= pt));
        }
        Condition idle = conditions.get(0);
        Condition load = conditions.get(conditions.size() - 1);
        goals.add(ratio("total ≤ 1.0× pt-online-schema-change, idle table without a topic yet",
                results.median(TwowayTool.WITHOUT_TOPIC, idle, Metric.TOTAL_S), results.median(PT, idle, Metric.TOTAL_S), 1.0));
        for (Condition condition : conditions) {
            goals.add(ratio("total ≤ 1.2× MySQL's INPLACE rebuild, " + condition.describe(),
                    results.median(TWOWAY, condition, Metric.TOTAL_S),
                    results.median(InplaceRebuild.NAME, condition, Metric.TOTAL_S), 1.2));
        }
        goals.add(ratio("total ≤ 0.8× pt-online-schema-change, " + load.describe(),
                results.median(TWOWAY, load, Metric.TOTAL_S), results.median(PT, load, Metric.TOTAL_S), 0.8));
        goals.add(ratio("total ≤ 0.5× gh-ost, " + load.describe(),
                results.median(TWOWAY, load, Metric.TOTAL_S), results.median(GH_OST, load, Metric.TOTAL_S), 0.5));
        goals.add(latency("writer stall during the cut-over, p99 ≤ 100 ms", results.worst(load, Metric.CUTOVER_STALL_P99_MS, TWOWAY), 100));
        goals.add(latency("writer stall during the cut-over, max ≤ 1 s", results.worst(load, Metric.CUTOVER_STALL_MAX_MS, TWOWAY), 1_000));
        goals.add(latency("writer stall during the revert, p99 ≤ 100 ms",
                results.worst(load, Metric.REVERT_STALL_P99_MS, TWOWAY, TwowaySmallRevert.NAME), 100));
        goals.add(latency("writer stall during the revert, max ≤ 1 s",
                results.worst(load, Metric.REVERT_STALL_MAX_MS, TWOWAY, TwowaySmallRevert.NAME), 1_000));
        goals.add(latency("sink lag p99 ≤ 1 s at " + load.describe(),
                results.worst(load, Metric.LAG_P99_MS, TwowaySmallRevert.NAME), 1_000));
        for (Condition condition : conditions) {
            double big = results.median(TWOWAY, condition, Metric.REVERT_S);
            double small = results.median(TwowaySmallRevert.NAME, condition, Metric.REVERT_S);
            goals.add(new Goal(String.format("revert ≤ 1 s at %,d rows, %s", rows, condition.describe()),
                    String.format("%.2f s", big), big <= 1));
            goals.add(new Goal("revert(" + String.format("%,d", rows) + ") / revert(10,000) ≤ 1.5, " + condition.describe(),
                    String.format("%.2f (%.2f s / %.2f s)", big / small, big, small), big / small <= 1.5));
        }
        double heap = Math.max(results.worst(conditions.get(0), Metric.HEAP_PEAK_MB, TWOWAY),
                results.worst(load, Metric.HEAP_PEAK_MB, TWOWAY));
        double afterGc = Math.max(results.worst(conditions.get(0), Metric.HEAP_AFTER_GC_MB, TWOWAY),
                results.worst(load, Metric.HEAP_AFTER_GC_MB, TWOWAY));
        // The pools' peak counts garbage not yet collected, which a JVM keeps while it has room: the
        // bound is shown by the cap the whole JVM (worker, broker and bench) ran every run under.
        long capMb = Runtime.getRuntime().maxMemory() / 1048576;
        boolean allRan = results.failures().isEmpty();
        goals.add(new Goal("worker heap ≤ 512 MB (every run inside a heap capped at 512 MiB)",
                String.format("JVM heap cap %,d MiB (worker, broker and bench together), %s; peak of the heap pools "
                        + "%,.0f MB, most left after a GC %,.0f MB", capMb, allRan ? "every run completed" : "runs failed",
                        heap, afterGc), capMb <= 512 && allRan));
        return goals;
    }

    /** {@code mine / theirs ≤ limit}; not met, and said so, when either was not measured. */
    private static Goal ratio(String goal, double mine, double theirs, double limit) {
        if (Double.isNaN(mine) || Double.isNaN(theirs)) {
            return new Goal(goal, "not measured in this run", false);
        }
        return new Goal(goal, String.format("%.2f× (%.1f s vs %.1f s)", mine / theirs, mine, theirs), mine / theirs <= limit);
    }

    private static Goal latency(String goal, double ms, double limit) {
        return new Goal(goal, Double.isNaN(ms) ? "n/a" : String.format("%,.0f ms", ms), ms <= limit);
    }
}
