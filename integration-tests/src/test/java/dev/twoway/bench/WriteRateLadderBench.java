package dev.twoway.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;
import dev.twoway.it.support.TestTables;

/**
 * The write-rate ceiling: for each rate of {@code bench.rates} (statements per second, default
 * 500,1000,2000,5000,10000), split over {@code bench.writers} connections (default 8) committing
 * every {@code bench.statements.per.tx} statements (default 10), a fresh
 * table of {@code bench.rows} rows (default 200,000) migrated with {@code ALTER TABLE … DROP
 * COLUMN title} to {@code ready}, its sink lag probed for {@code bench.hold.s} seconds (default
 * 15), then cut over to {@code complete}. Before each migration the same writers run for 10 s with
 * none, so the report shows the server's own ceiling beside twoway's. Each step once, after one
 * untimed step at the first rate. Not part of the suite: run it with {@code ./twoway bench --ladder}.
 */
class WriteRateLadderBench {
    private static final Duration CEILING_WINDOW = Duration.ofSeconds(10);

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final int rows = Integer.getInteger("bench.rows", 200_000);
    private final int connections = Integer.getInteger("bench.writers", 8);
    /**
     * Statements per writer transaction ({@code bench.statements.per.tx}, default 10): autocommitted,
     * 8 connections top out at a few hundred commits a second here (each waits for the binlog's
     * fsync), far below the ladder's rates; grouping reaches them, as a batching application does.
     */
    private final int statementsPerTx = Integer.getInteger("bench.statements.per.tx", 10);
    private final Duration hold = Duration.ofSeconds(Integer.getInteger("bench.hold.s", 15));
    private final List<Integer> rates = Arrays.stream(System.getProperty("bench.rates", "500,1000,2000,5000,10000")
            .split(",")).map(String::trim).map(Integer::parseInt).toList();
    /**
     * Debezium's TLS mode for the binlog stream ({@code bench.source.ssl.mode}; unset: its default,
     * {@code preferred}). Its binlog client reads a TLS stream a byte at a time, the busiest thread of
     * the pipeline in this bench's profile; {@code disabled} measures the stream without it (loopback).
     */
    private final Optional<String> sourceSslMode = Optional.ofNullable(System.getProperty("bench.source.ssl.mode"))
            .filter(mode -> !mode.isBlank());
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));
    /**
     * Whether the timed steps checksum before the cut-over ({@code bench.checksum}, default true).
     * The checksum's snapshot takes a read lock on the table, which waits for every open writer
     * transaction: 8 writers grouping statements always have one open, and at 2,000 statements/s
     * its five attempts timed out and failed the migration. Off measures the sink without it.
     */
    private final boolean checksum = Boolean.parseBoolean(System.getProperty("bench.checksum", "true"));

    @Test
    void writeRateLadder() throws Exception {
        String db = mysql.createDatabase("ladder");
        TestConnect.cluster();
        List<String> machine = new ArrayList<>(Machine.describe(mysql));
        String loadAtStart = Machine.loadAverage();
        List<LadderStep> steps = new ArrayList<>();
        machine.add("source: Debezium's database.ssl.mode " + sourceSslMode.orElse("preferred (its default)"));
        machine.add("checksum before each timed cut-over: " + (checksum ? "on" : "off (--no-checksum)"));
        Map<String, String> source = sourceSslMode.map(mode -> Map.of("database.ssl.mode", mode)).orElse(Map.of());
        try (MigrationPipeline pipeline = MigrationPipeline.start(mysql, db, null, source)) {
            // The warm-up's sink, cold, lags by tens of seconds on a loaded machine: its checksum
            // gave up waiting (10 s) five times, which stops a migration until a task restart.
            log("warm-up, not recorded: " + step(pipeline, db, rates.get(0), "warmup", Map.of("migration.checksum", "off")));
            for (int rate : rates) {
                LadderStep step = step(pipeline, db, rate, "r" + rate,
                        checksum ? Map.of() : Map.of("migration.checksum", "off"));
                steps.add(step);
                log(step.toString());
            }
        }
        finally {
            mysql.execute("DROP DATABASE IF EXISTS `" + db + "`");
        }
        machine.add("load average (1, 5, 15 min) at the start " + loadAtStart + ", at the end " + Machine.loadAverage()
                + " (" + Runtime.getRuntime().availableProcessors() + " cores; other work on the machine counts)");
        write(new LadderReport(rows, connections, statementsPerTx, hold, machine, steps).markdown());
    }

    /** One rung: the server's ceiling with no migration, then the migration under the same writers. */
    private LadderStep step(MigrationPipeline pipeline, String db, int rate, String name, Map<String, String> options)
            throws Exception {
        String table = "items_" + name;
        TestTables.createItems(mysql, db, table, rows);
        pipeline.awaitSettled(table);
        TwowayMigration migration = new TwowayMigration(mysql, pipeline, db, table);
        LadderStep step = new LadderStep(rate);
        try {
            try (WriterConnections writers = WriterConnections.start(mysql, db, table, rate, connections,
                    statementsPerTx)) {
                long from = System.currentTimeMillis();
                Thread.sleep(CEILING_WINDOW.toMillis());
                long to = System.currentTimeMillis();
                step.ceiling(writers.achievedPerSecond(from, to), writers.transactionsPerSecond(from, to));
                migrate(migration, db, table, pipeline, writers, step, options);
                log(name + ": writer transactions rolled back after a deadlock: " + writers.deadlocks());
            }
            awaitInverseDrained(pipeline, db, table, migration.id());
        }
        finally {
            if (migration.id() != null) {
                migration.drop();
            }
            else {
                mysql.execute("DROP TABLE IF EXISTS `" + db + "`.`" + table + "`");
            }
        }
        return step;
    }

    private void migrate(TwowayMigration migration, String db, String table, MigrationPipeline pipeline,
                         WriterConnections writers, LadderStep step, Map<String, String> options) throws Exception {
        long requested = System.currentTimeMillis();
        MigrationClock copy = migration.start("ready", options);
        long ready = copy.firstSeen("ready");
        step.copy(rows * 1e3 / (ready - copy.firstSeen("running")), (ready - requested) / 1e3);
        Sample lag = Sample.of("twoway", new Condition("ladder", step.rate()), 1);
        new SinkLagProbe(mysql, pipeline).measure(db, table, migration.id(), hold, lag);
        step.lag(lag.get(Metric.LAG_P50_MS), lag.get(Metric.LAG_P99_MS), lag.get(Metric.MARKER_LAG_P99_MS));
        long put = System.currentTimeMillis();
        long complete = migration.moveTo("complete").firstSeen("complete");
        step.cutover((complete - put) / 1e3, migration.lockedSwaps("cutover"));
        step.achieved(writers.achievedPerSecond(requested, complete), writers.transactionsPerSecond(requested, complete),
                writers.latencies(requested, complete).percentile(99));
    }

    /**
     * Waits until the sink has applied to the old table everything the writers wrote after the
     * cut-over (a row written last shows there): dropping the old table under the inverse stream
     * would fail the sink shared by every later step.
     */
    private void awaitInverseDrained(MigrationPipeline pipeline, String db, String table, String migration)
            throws Exception {
        String old = "`" + db + "`.`" + pipeline.row(migration).get("old_table") + "`";
        long id;
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO `" + db + "`.`" + table + "` (k, name) VALUES (-2, 'drained')",
                    Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                id = keys.getLong(1);
            }
        }
        Poll.until(Duration.ofMinutes(5), "the old table shows the last write", () -> {
            pipeline.assertRunning();
            return mysql.longValue("SELECT COUNT(*) FROM " + old + " WHERE id = " + id) == 1;
        });
    }

    private void write(String report) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("ladder-latest.md"), report);
        System.out.println(report);
    }

    private static void log(String line) {
        System.out.println(LocalDateTime.now().withNano(0) + " ladder: " + line);
    }
}
