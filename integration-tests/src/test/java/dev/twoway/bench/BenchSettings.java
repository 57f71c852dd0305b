package dev.twoway.bench;

import java.nio.file.Path;
import java.util.List;

/** The bench's options, from system properties (set by {@code ./twoway bench}). */
record BenchSettings(int rows, int runs, int rate, Path out) {
    static BenchSettings fromSystemProperties() {
        return new BenchSettings(Integer.getInteger("bench.rows", 1_000_000), Integer.getInteger("bench.runs", 3),
                Integer.getInteger("bench.rate", 500), Path.of(System.getProperty("bench.out", "target/bench")));
    }

    /** Rows above which the untimed warm-up runs on the small table: at ten million rows a warm-up of each tool would double an hour's bench, and no cache holds the table anyway. */
    static final int WARM_UP_ON_SMALL_ABOVE = 1_000_000;

    boolean warmUpOnSmallTable() {
        return rows > WARM_UP_ON_SMALL_ABOVE;
    }

    List<Condition> conditions() {
        return Condition.both(rate);
    }
}
