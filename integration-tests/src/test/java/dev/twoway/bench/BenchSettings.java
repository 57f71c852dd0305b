package dev.twoway.bench;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The bench's options, from system properties (set by {@code ./twoway bench}). */
record BenchSettings(int rows, int runs, int rate, Path out, Optional<Path> jfr) {
    /**
     * {@code bench.jfr}, when set, is a directory: each timed run of each tool is recorded there
     * with Java Flight Recorder's profile settings, from the tool's start to its end
     * ({@code <tool>-<condition>-<run>.jfr}), so a profile of the bench's JVM (worker, broker,
     * writer) shows one tool's run and nothing of the others'.
     */
    static BenchSettings fromSystemProperties() {
        String jfr = System.getProperty("bench.jfr", "");
        return new BenchSettings(Integer.getInteger("bench.rows", 1_000_000), Integer.getInteger("bench.runs", 3),
                Integer.getInteger("bench.rate", 500), Path.of(System.getProperty("bench.out", "target/bench")),
                jfr.isBlank() ? Optional.empty() : Optional.of(Path.of(jfr)));
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
