package dev.twoway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;
import dev.twoway.it.support.TestTables;

/**
 * twoway against pt-online-schema-change and the in-server copy floor, in one run on the same
 * server: {@code ALTER TABLE … DROP COLUMN title} on a table of {@code bench.rows} rows
 * (default 1,000,000), the tools alternating, {@code bench.runs} runs each, idle or under a
 * writer of {@code bench.rate} statements per second. Not part of the suite (a benchmark, not a
 * timed test): run it with {@code ./twoway bench} or
 * {@code ./mvnw verify -pl integration-tests -Dit.test=MigrationBench}.
 */
class MigrationBench {
    private static final String DDL = "DROP COLUMN title";

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final int rows = Integer.getInteger("bench.rows", 1_000_000);
    private final int runs = Integer.getInteger("bench.runs", 1);
    private final int rate = Integer.getInteger("bench.rate", 0);
    private final List<Sample> samples = new ArrayList<>();

    record Sample(String tool, int run, double seconds, double copyRowsPerSecond, double stallMs) {
    }

    @Test
    void dropColumnSideBySide() throws Exception {
        String db = mysql.createDatabase("bench");
        TestTables.createItems(mysql, db, "items_src", rows);
        TestConnect.cluster();
        // The source captures the tables twoway migrates, as a deployment would; the other tools'
        // tables only cost it reading (and skipping) their binlog events.
        try (MigrationPipeline pipeline = MigrationPipeline.start(mysql, db, "tw_.*")) {
            for (int run = 1; run <= runs; run++) {
                samples.add(floor(db, run));
                samples.add(ptOnlineSchemaChange(db, run));
                samples.add(twoway(db, run, pipeline));
            }
        }
        report();
    }

    /** A fresh copy of the table; its rows bypass the binary log, as a table's old history would. */
    private String restore(String db, String table) throws SQLException {
        mysql.execute("DROP TABLE IF EXISTS `" + db + "`.`" + table + "`",
                "CREATE TABLE `" + db + "`.`" + table + "` LIKE `" + db + "`.`items_src`",
                "SET SESSION sql_log_bin = 0",
                "INSERT INTO `" + db + "`.`" + table + "` SELECT * FROM `" + db + "`.`items_src`");
        return table;
    }

    private Sample floor(String db, int run) throws SQLException {
        String table = restore(db, "floor_" + run);
        mysql.execute("CREATE TABLE `" + db + "`.`floor_copy_" + run + "` LIKE `" + db + "`.`" + table + "`",
                "ALTER TABLE `" + db + "`.`floor_copy_" + run + "` " + DDL);
        long start = System.nanoTime();
        mysql.execute("INSERT INTO `" + db + "`.`floor_copy_" + run + "` (id, k, name, c, pad) SELECT id, k, name, c, pad FROM `"
                + db + "`.`" + table + "`");
        double seconds = (System.nanoTime() - start) / 1e9;
        mysql.execute("DROP TABLE `" + db + "`.`floor_copy_" + run + "`", "DROP TABLE `" + db + "`.`" + table + "`");
        return new Sample("INSERT … SELECT (floor)", run, seconds, rows / seconds, 0);
    }

    private Sample ptOnlineSchemaChange(String db, int run) throws Exception {
        String table = restore(db, "pt_" + run);
        try (Load load = Load.start(mysql, db, table, rate)) {
            List<String> command = List.of("pt-online-schema-change", "--alter", DDL,
                    "h=" + mysql.host() + ",P=" + mysql.port() + ",u=" + mysql.user() + ",D=" + db + ",t=" + table,
                    "--execute", "--set-vars", "explain_format=TRADITIONAL", "--recursion-method=none");
            ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true);
            if (!mysql.password().isEmpty()) {
                pb.environment().put("MYSQL_PWD", mysql.password());
            }
            long start = System.nanoTime();
            Process process = pb.start();
            String output = new String(process.getInputStream().readAllBytes());
            if (process.waitFor() != 0) {
                throw new AssertionError("pt-online-schema-change failed:\n" + output);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            return new Sample("pt-online-schema-change", run, seconds, Double.NaN, load.stallMs());
        }
    }

    private Sample twoway(String db, int run, MigrationPipeline pipeline) throws Exception {
        String table = restore(db, "tw_" + run);
        // A deployed pipeline is caught up with the binlog; the other tools' bulk copies just
        // went through it, so wait for that before the clock starts.
        pipeline.awaitCaughtUp("tw_probe", Duration.ofMinutes(10));
        try (Load load = Load.start(mysql, db, table, rate)) {
            long start = System.nanoTime();
            String migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` " + DDL, "complete", Map.of());
            CopyClock clock = new CopyClock();
            dev.twoway.it.support.Poll.until(Duration.ofMinutes(20), () -> migration + " completes", () -> {
                Map<String, String> row = pipeline.row(migration);
                clock.observe(row.get("state"));
                if ("failed".equals(row.get("state"))) {
                    throw new AssertionError("migration failed: " + row.get("message"));
                }
                return "complete".equals(row.get("state"));
            });
            double seconds = (System.nanoTime() - start) / 1e9;
            TestConnect.deleteQuietly(migration);
            return new Sample("twoway", run, seconds, rows / clock.copySeconds(), load.stallMs());
        }
    }

    /** When the copy was first seen running and first seen done, to the poll's resolution. */
    static final class CopyClock {
        private long running;
        private long copied;

        void observe(String state) {
            long now = System.nanoTime();
            if ("running".equals(state) && running == 0) {
                running = now;
            }
            if (("ready".equals(state) || "complete".equals(state)) && copied == 0) {
                copied = now;
            }
        }

        double copySeconds() {
            return running == 0 || copied == 0 ? Double.NaN : (copied - running) / 1e9;
        }
    }

    /** The writer load of a run, or none when the rate is 0. */
    static final class Load implements AutoCloseable {
        private final TableModelWriter writer;
        private double stallMs;

        private Load(TableModelWriter writer) {
            this.writer = writer;
        }

        static Load start(TestMySql mysql, String db, String table, int rate) throws SQLException {
            return new Load(rate == 0 ? null : TableModelWriter.start(mysql, db, table, List.of("k", "name", "c", "pad"), rate));
        }

        double stallMs() throws Exception {
            close();
            return stallMs;
        }

        @Override
        public void close() throws Exception {
            if (writer != null && stallMs == 0) {
                writer.close();
                stallMs = writer.longestStallMillis();
            }
        }
    }

    private void report() throws IOException {
        StringBuilder md = new StringBuilder();
        md.append(String.format("ALTER TABLE … %s, %,d rows, %s, %d run(s) each, %s%n%n", DDL, rows,
                rate == 0 ? "idle" : rate + " writes/s", runs, machine()));
        md.append("| tool | run | total s | copy rows/s | longest writer stall ms |\n|---|---|---|---|---|\n");
        for (Sample s : samples) {
            md.append(String.format("| %s | %d | %.1f | %,.0f | %.0f |%n", s.tool(), s.run(), s.seconds(),
                    s.copyRowsPerSecond(), s.stallMs()));
        }
        System.out.println(md);
        Path out = Path.of(System.getProperty("bench.out", "target/bench"));
        Files.createDirectories(out);
        Files.writeString(out.resolve("migration-bench.md"), md);
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, "
                + Runtime.getRuntime().maxMemory() / (1 << 20) + " MiB max heap, Java " + System.getProperty("java.version");
    }
}
