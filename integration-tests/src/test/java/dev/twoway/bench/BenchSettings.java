package dev.twoway.bench;

import java.nio.file.Path;
import java.util.List;

/** The bench's options, from system properties (set by {@code ./twoway bench}). */
record BenchSettings(int rows, int runs, int rate, Path out) {
    static BenchSettings fromSystemProperties() {
        return new BenchSettings(Integer.getInteger("bench.rows", 1_000_000), Integer.getInteger("bench.runs", 3),
                Integer.getInteger("bench.rate", 500), Path.of(System.getProperty("bench.out", "target/bench")));
    }

    List<Condition> conditions() {
        return Condition.both(rate);
    }
}
