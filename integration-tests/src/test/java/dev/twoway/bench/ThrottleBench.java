package dev.twoway.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;
import dev.twoway.it.support.TestTables;

/**
 * What the copy's throttle buys and costs: the copy of a table of {@code bench.rows} rows
 * (default 300,000, {@code ALTER TABLE … DROP COLUMN title} to {@code ready}) while a second,
 * heavy writer hammers the server in bursts ({@code bench.hammer.threads} sessions, default 8,
 * updating a table of their own as fast as they can, {@code bench.burst.ms} on and as long off,
 * default 3,000), once without throttling and once with {@code migration.throttle.threads.running}
 * at {@code bench.threads.running} (default: the server's own Threads_running before the runs,
 * its 90th percentile over 5 s, plus half the hammer's sessions: the server is shared, and a
 * fixed limit would hold the copy for good under other work); a measured writer ({@code bench.rate} statements
 * per second, default 200) on a third table throughout. Prints the copy's time (deploy to ready)
 * and the measured writer's p99 and max latency during it, the share of the copy's stage
 * samples (every 100 ms) saying throttled and the mean Threads_running sampled, and the same
 * writer's p99 with the hammer alone (no copy) for reference. Not part of the suite: {@code ./twoway bench --throttle}.
 */
class ThrottleBench {
    private static final Duration STATE = Duration.ofMinutes(15);

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final int rows = Integer.getInteger("bench.rows", 300_000);
    private final int rate = Integer.getInteger("bench.rate", 200);
    private final int hammerThreads = Integer.getInteger("bench.hammer.threads", 8);
    private final long burstMs = Long.getLong("bench.burst.ms", 3_000L);
    /** 0: the limit is taken from the server as it is before the runs (see {@link #limit()}). */
    private final int threadsRunningOption = Integer.getInteger("bench.threads.running", 0);
    private int threadsRunning;

    @Test
    void copyUnderAHeavyWriterWithAndWithoutThrottling() throws Exception {
        String db = mysql.createDatabase("throttlebench");
        // The hammer's table in a database the source does not capture: its changes would put the
        // stream (and the copy's start marker) minutes behind on this machine, which is not measured here.
        String hammered = mysql.createDatabase("throttlehammer");
        TestConnect.cluster();
        Map<String, double[]> figures = new LinkedHashMap<>();
        try (MigrationPipeline pipeline = MigrationPipeline.start(mysql, db)) {
            mysql.execute("CREATE TABLE `" + hammered + "`.`hammered` (id INT PRIMARY KEY, v BIGINT NOT NULL)",
                    "SET SESSION cte_max_recursion_depth = 10000",
                    "INSERT INTO `" + hammered + "`.`hammered` WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 "
                            + "FROM n WHERE i < 10000) SELECT i, 0 FROM n");
            TestTables.createItems(mysql, db, "measured", 10_000);
            pipeline.awaitSettled("measured");
            threadsRunning = threadsRunningOption > 0 ? threadsRunningOption : limit();
            try (TableModelWriter writer = TableModelWriter.startUnmodelled(mysql, db, "measured", Load.WRITTEN, rate)) {
                figures.put("hammer alone, no copy", hammerOnly(hammered, writer));
                figures.put("copy, no throttle", copy(pipeline, db, hammered, writer, "t_plain",
                        Map.of("migration.throttle.sink.lag.ms", "0")));
                figures.put("copy, Threads_running > " + threadsRunning + " throttles", copy(pipeline, db, hammered, writer,
                        "t_throttled", Map.of("migration.throttle.threads.running", String.valueOf(threadsRunning),
                                "migration.throttle.check.ms", "250", "migration.throttle.min.pause.ms", "1000")));
            }
        }
        finally {
            mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + hammered + "`");
        }
        print(figures);
    }

    /** The server's Threads_running with neither hammer nor copy: its 90th percentile over 5 s, plus half the hammer. */
    private int limit() throws Exception {
        List<Double> samples = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            samples.add((double) mysql.longValue("SELECT VARIABLE_VALUE FROM performance_schema.global_status WHERE "
                    + "VARIABLE_NAME = 'Threads_running'"));
            Thread.sleep(100); // the sampling period
        }
        return (int) Math.round(Distribution.of(samples).percentile(90)) + hammerThreads / 2;
    }

    /** The writer's latencies over 12 s of the hammer's bursts, with no copy running. */
    private double[] hammerOnly(String db, TableModelWriter writer) throws Exception {
        try (Hammer hammer = new Hammer(db)) {
            long from = System.currentTimeMillis();
            Thread.sleep(12_000); // a fixed window to measure over, nothing waits on it
            long to = System.currentTimeMillis();
            return new double[] {Double.NaN, writer.latencyPercentileMillis(99, from, to),
                    Distribution.of(writer.latenciesMillis(from, to)).max(), hammer.statements(), Double.NaN,
                    Double.NaN};
        }
    }

    /**
     * Copy seconds, the writer's p99 and max ms during the copy, the hammer's statements, the
     * share of the copy's stage samples saying throttled, the mean Threads_running sampled.
     */
    private double[] copy(MigrationPipeline pipeline, String db, String hammered, TableModelWriter writer,
                          String table, Map<String, String> options) throws Exception {
        TestTables.createItems(mysql, db, table, rows);
        try (Hammer hammer = new Hammer(hammered)) {
            long from = System.currentTimeMillis();
            String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` " + Tool.DDL, "ready", options);
            Sampler sampler = new Sampler(pipeline, migration);
            pipeline.awaitState(migration, "ready", STATE);
            long to = System.currentTimeMillis();
            sampler.close();
            TestConnect.deleteQuietly(migration);
            Thread.sleep(300); // lets the writer's statements of the window finish before they are read
            return new double[] {(to - from) / 1e3, writer.latencyPercentileMillis(99, from, to),
                    Distribution.of(writer.latenciesMillis(from, to)).max(), hammer.statements(), sampler.throttled(),
                    sampler.threadsRunning()};
        }
    }

    /** Every 100 ms: whether the copy's stage says throttled, and the server's Threads_running. */
    private final class Sampler implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final Thread thread;
        private long samples;
        private long throttled;
        private long running;

        Sampler(MigrationPipeline pipeline, String migration) {
            thread = new Thread(() -> {
                while (!stop.get()) {
                    try {
                        String stage = pipeline.row(migration).getOrDefault("stage", "");
                        long threads = mysql.longValue("SELECT VARIABLE_VALUE FROM performance_schema.global_status "
                                + "WHERE VARIABLE_NAME = 'Threads_running'");
                        synchronized (this) {
                            samples++;
                            throttled += stage.contains("throttled") ? 1 : 0;
                            running += threads;
                        }
                        Thread.sleep(100); // the sampling period
                    }
                    catch (SQLException | InterruptedException e) {
                        return;
                    }
                }
            }, "throttle-bench-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        synchronized double throttled() {
            return samples == 0 ? Double.NaN : (double) throttled / samples;
        }

        synchronized double threadsRunning() {
            return samples == 0 ? Double.NaN : (double) running / samples;
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            thread.join();
        }
    }

    private void print(Map<String, double[]> figures) {
        StringBuilder out = new StringBuilder(String.format("%nthrottle bench: %,d rows (ALTER TABLE … %s to ready), "
                + "hammer %d sessions in bursts of %,d ms on / %,d ms off, measured writer %d/s; load average %s%n",
                rows, Tool.DDL, hammerThreads, burstMs, burstMs, rate, Machine.loadAverage()));
        out.append(String.format("%-40s %8s %14s %14s %13s %10s %16s%n", "run", "copy s", "writer p99 ms",
                "writer max ms", "hammer stmts", "throttled", "Threads_running"));
        figures.forEach((run, f) -> out.append(String.format("%-40s %8.1f %14.1f %14.1f %,13.0f %9.0f%% %16.1f%n", run,
                f[0], f[1], f[2], f[3], 100 * f[4], f[5])));
        List<double[]> runs = new ArrayList<>(figures.values());
        out.append(String.format("throttled / unthrottled: copy time %.2fx, writer p99 %.2fx%n", runs.get(2)[0]
                / runs.get(1)[0], runs.get(2)[1] / runs.get(1)[1]));
        System.out.println(out);
    }

    /** The heavy writer: sessions updating random rows of {@code hammered} as fast as they can, in bursts. */
    private final class Hammer implements AutoCloseable {
        private final AtomicBoolean stop = new AtomicBoolean();
        private final AtomicLong statements = new AtomicLong();
        private final List<Thread> threads = new ArrayList<>();
        private final long started = System.nanoTime();

        Hammer(String db) {
            for (int i = 0; i < hammerThreads; i++) {
                Thread t = new Thread(() -> hammer(db), "hammer-" + i);
                t.setDaemon(true);
                threads.add(t);
                t.start();
            }
        }

        private boolean on() {
            return ((System.nanoTime() - started) / 1_000_000L / burstMs) % 2 == 0;
        }

        private void hammer(String db) {
            try (Connection c = mysql.connect(); PreparedStatement s = c.prepareStatement("UPDATE `" + db
                    + "`.`hammered` SET v = v + 1 WHERE id BETWEEN ? AND ? + 49")) {
                while (!stop.get()) {
                    if (!on()) {
                        Thread.sleep(20); // the burst's off half
                        continue;
                    }
                    int id = ThreadLocalRandom.current().nextInt(1, 9_952); // ascending ranges: no deadlock
                    s.setInt(1, id);
                    s.setInt(2, id);
                    s.executeUpdate();
                    statements.incrementAndGet();
                }
            }
            catch (SQLException | InterruptedException e) {
                if (!stop.get()) {
                    throw new IllegalStateException("the hammer stopped: " + e, e);
                }
            }
        }

        double statements() {
            return statements.get();
        }

        @Override
        public void close() throws InterruptedException {
            stop.set(true);
            for (Thread t : threads) {
                t.join();
            }
        }
    }
}
