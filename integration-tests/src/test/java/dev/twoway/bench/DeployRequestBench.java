package dev.twoway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.DoubleStream;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;
import dev.twoway.it.support.TestTables;

/**
 * The writers' stall through a deploy request's group cut-over and group revert, for requests of
 * 1 (the single-table figure), 2 and 4 members ({@code ALTER TABLE … DROP COLUMN title} each, on
 * tables of {@code bench.rows} rows, default 20,000), under {@code bench.rate} writes per second in
 * all (default 500, spread evenly over the members' tables), {@code bench.runs} runs each (default
 * 3). Each request is copied and held at {@code ready}, then cut over and reverted by {@code PUT}s;
 * the stall is every writer's statements running from the {@code PUT} to one second after the swap.
 * Not part of the suite: run it with {@code ./twoway bench --deploy}.
 */
class DeployRequestBench {
    private static final Duration STATE = Duration.ofMinutes(10);
    private static final List<Integer> SIZES = List.of(1, 2, 4);

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final int rows = Integer.getInteger("bench.rows", 20_000);
    private final int runs = Integer.getInteger("bench.runs", 3);
    private final int rate = Integer.getInteger("bench.rate", 500);
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));

    @Test
    void groupCutoverAndRevertStalls() throws Exception {
        String db = mysql.createDatabase("deploybench");
        TestConnect.cluster();
        Map<String, List<Double>> figures = new LinkedHashMap<>();
        try (MigrationPipeline pipeline = MigrationPipeline.start(mysql, db)) {
            for (int run = 0; run <= runs; run++) {
                for (int members : SIZES) {
                    Map<String, Double> one = run(pipeline, db, members, run);
                    if (run > 0) { // run 0 warms the JVM, the caches and the topics, untimed
                        one.forEach((k, v) -> figures.computeIfAbsent(members + " " + k, x -> new ArrayList<>()).add(v));
                    }
                }
            }
        }
        finally {
            mysql.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
        write(report(figures));
    }

    private Map<String, Double> run(MigrationPipeline pipeline, String db, int members, int run) throws Exception {
        List<String> tables = new ArrayList<>();
        for (int i = 1; i <= members; i++) {
            String table = "g" + members + "_r" + run + "_t" + i;
            TestTables.createItems(mysql, db, table, rows);
            pipeline.awaitSettled(table);
            tables.add(table);
        }
        String ddl = String.join("; ", tables.stream().map(t -> "ALTER TABLE `" + db + "`.`" + t + "` "
                + Tool.DDL).toList());
        Map<String, Double> figures = new LinkedHashMap<>();
        List<TableModelWriter> writers = new ArrayList<>();
        try {
            for (String table : tables) {
                writers.add(TableModelWriter.startUnmodelled(mysql, db, table, Load.WRITTEN, Math.max(1, rate / members)));
            }
            String request = pipeline.migrate(ddl, "ready", Map.of());
            pipeline.awaitMembers(request, members, "ready", STATE);
            Thread.sleep(2_000);
            swap(pipeline, request, members, "complete", writers, figures, "cut-over");
            Thread.sleep(1_000);
            swap(pipeline, request, members, "reverted", writers, figures, "revert");
            TestConnect.deleteQuietly(request);
        }
        finally {
            for (TableModelWriter writer : writers) {
                writer.close();
            }
        }
        return figures;
    }

    private void swap(MigrationPipeline pipeline, String request, int members, String target,
                      List<TableModelWriter> writers, Map<String, Double> figures, String what) throws Exception {
        long requested = System.currentTimeMillis();
        pipeline.target(request, target);
        List<Map<String, String>> rows = pipeline.awaitMembers(request, members, target, STATE);
        long at = LocalDateTime.parse(rows.get(0).get("cutover_at").replace(' ', 'T')).toInstant(ZoneOffset.UTC)
                .toEpochMilli();
        Thread.sleep(Math.max(0, at + 1_200 - System.currentTimeMillis()));
        double[] latencies = writers.stream().flatMapToDouble(w -> DoubleStream.of(w.latenciesMillis(requested,
                at + 1_000))).sorted().toArray();
        Distribution all = Distribution.of(latencies);
        figures.put(what + " stall p99 ms", all.percentile(99));
        figures.put(what + " stall max ms", all.max());
        figures.put(what + " request to swap s", (at - requested) / 1e3);
    }

    private String report(Map<String, List<Double>> figures) {
        StringBuilder md = new StringBuilder("# twoway bench: deploy requests' group swaps\n\n");
        md.append(String.format("%s: `ALTER TABLE … %s` on each member's table of %,d rows; %d writes/s in all, "
                + "spread over the members' tables; %d run(s) each after one untimed; load average %s (2 cores; other "
                + "work on the machine counts).%n%n", LocalDateTime.now().withNano(0), Tool.DDL, rows, rate, runs,
                Machine.loadAverage()));
        md.append("Median, with the fastest and slowest run in brackets. Stall: every writer's statements running "
                + "from the `PUT` of the target to one second after the swap.\n\n");
        md.append("| members | cut-over stall p99 ms | cut-over stall max ms | revert stall p99 ms | revert stall max ms "
                + "| cut-over request to swap s | revert request to swap s |\n|---|---|---|---|---|---|---|\n");
        for (int members : SIZES) {
            md.append("| ").append(members);
            for (String k : List.of("cut-over stall p99 ms", "cut-over stall max ms", "revert stall p99 ms",
                    "revert stall max ms", "cut-over request to swap s", "revert request to swap s")) {
                Distribution d = Distribution.of(figures.getOrDefault(members + " " + k, List.of()));
                md.append(" | ").append(k.endsWith(" s") ? summary(d, "%.2f") : summary(d, "%.0f"));
            }
            md.append(" |\n");
        }
        return md.toString();
    }

    private static String summary(Distribution d, String format) {
        if (d.isEmpty()) {
            return "n/a";
        }
        return String.format(format, d.median()) + " (" + String.format(format, d.min()) + "–"
                + String.format(format, d.max()) + ")";
    }

    private void write(String report) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("deploy-latest.md"), report);
        System.out.println(report);
    }
}
