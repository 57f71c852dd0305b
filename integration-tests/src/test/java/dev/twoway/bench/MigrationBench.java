package dev.twoway.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;
import dev.twoway.it.support.TestTables;

/**
 * twoway against pt-online-schema-change (and gh-ost when one is on the PATH) and the in-server
 * copy floor, in one run on the same server: {@code ALTER TABLE … DROP COLUMN title} on a table of
 * {@code bench.rows} rows (default 1,000,000), the tools alternating, {@code bench.runs} runs each
 * (default 3), idle and under a writer of {@code bench.rate} statements per second (default 500);
 * plus twoway's revert on 10,000 rows and its sink lag. Writes the results, a chart and the goals
 * to {@code bench.out}. Not part of the suite (a benchmark, not a timed test): run it with
 * {@code ./twoway bench}.
 */
class MigrationBench {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmm");

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final BenchSettings settings = BenchSettings.fromSystemProperties();
    private final Path progress = Path.of(System.getProperty("bench.progress", "target/bench-progress.log"));
    private final Results results = new Results();

    @Test
    void dropColumnSideBySide() throws Exception {
        LocalDateTime started = LocalDateTime.now().withNano(0);
        dropAbandonedBenchDatabases();
        String db = mysql.createDatabase("bench");
        log("loading " + settings.rows() + " rows into " + db);
        TestTables.createItems(mysql, db, "items_src", settings.rows());
        TestTables.createItems(mysql, db, "items_small", TwowaySmallRevert.ROWS);
        TestConnect.cluster();
        List<String> machine = new ArrayList<>(Machine.describe(mysql));
        machine.add(Machine.tableSize(mysql, db, "items_src"));
        String loadAtStart = Machine.loadAverage();
        try (HeapWatch heap = new HeapWatch(); MigrationPipeline pipeline = MigrationPipeline.start(mysql, db, "tw_.*")) {
            List<Tool> tools = tools(db, pipeline, heap);
            Tool small = new TwowaySmallRevert(mysql, pipeline, db);
            results.declare(java.util.stream.Stream.concat(tools.stream(), java.util.stream.Stream.of(small)).map(Tool::name).toList());
            // Untimed: each tool once, under load, so no timed run pays for a cold JVM, cold caches
            // or topics yet to be created; a Connect worker in service has run its code before.
            String warmUpTable = settings.warmUpOnSmallTable() ? "items_small" : "items_src";
            for (Tool tool : tools) {
                runOnce(db, tool, warmUpTable, settings.conditions().get(settings.conditions().size() - 1), 0);
            }
            for (int run = 1; run <= settings.runs(); run++) {
                for (Condition condition : settings.conditions()) {
                    List<Tool> order = new ArrayList<>(tools);
                    Collections.rotate(order, run * settings.conditions().size() + settings.conditions().indexOf(condition));
                    for (Tool tool : order) {
                        runOnce(db, tool, "items_src", condition, run);
                    }
                    runOnce(db, small, "items_small", condition, run);
                }
            }
        }
        mysql.execute("DROP DATABASE `" + db + "`");
        machine.add("load average (1, 5, 15 min) at the start " + loadAtStart + ", at the end " + Machine.loadAverage()
                + " (" + Runtime.getRuntime().availableProcessors() + " cores; other work on the machine counts)");
        write(new BenchReport(settings, results, machine, started.toString().replace('T', ' ')), started);
        assertTrue(results.failures().isEmpty(), "failed runs: " + results.failures());
    }

    private List<Tool> tools(String db, MigrationPipeline pipeline, HeapWatch heap) {
        List<Tool> tools = new ArrayList<>(List.of(new FloorCopy(mysql, db, settings.rows()),
                new InplaceRebuild(mysql, db, settings.rows()), new PtOnlineSchemaChange(mysql, db, settings.rows())));
        if (GhOst.onPath()) {
            tools.add(new GhOst(mysql, db, settings.rows()));
        }
        tools.add(TwowayTool.followed(mysql, pipeline, heap, db, settings.rows()));
        tools.add(TwowayTool.withoutTopic(mysql, pipeline, heap, db, settings.rows()));
        return tools;
    }

    /**
     * One run of one tool on a fresh copy of {@code source}; a failure is recorded and the bench
     * goes on. Run 0 is the warm-up: logged, not recorded.
     */
    private void runOnce(String db, Tool tool, String source, Condition condition, int run) throws IOException {
        if (!tool.runs(condition)) {
            return;
        }
        Sample sample = Sample.of(tool.name(), condition, run);
        String table = tool.tablePrefix() + condition.name() + "_" + run;
        try {
            restore(db, source, table);
            tool.prepare(table);
            Tool.Undo undo;
            try (Load load = Load.start(mysql, db, table, condition);
                 Profile profile = Profile.start(run > 0 ? settings.jfr() : Optional.empty(), sample)) {
                undo = tool.migrate(table, load, sample);
            }
            undo.run();
            if (run > 0) {
                results.add(sample);
            }
            log((run > 0 ? "" : "warm-up, not recorded: ") + sample);
        }
        catch (Exception | AssertionError e) {
            if (run > 0) {
                results.failed(sample, e instanceof Exception ex ? ex : new RuntimeException(e));
            }
            log("FAILED " + sample + ": " + e);
        }
        finally {
            dropQuietly(db, table);
        }
    }

    /**
     * A fresh copy of the table; its rows bypass the binary log, as a table's old history would,
     * and its statistics are brought up to date, as a table's in service are: without them
     * pt-online-schema-change estimates one row and copies the whole table in one statement,
     * blocking writers throughout.
     */
    private void restore(String db, String source, String table) throws SQLException {
        mysql.execute("DROP TABLE IF EXISTS `" + db + "`.`" + table + "`",
                "CREATE TABLE `" + db + "`.`" + table + "` LIKE `" + db + "`.`" + source + "`",
                "SET SESSION sql_log_bin = 0",
                "INSERT INTO `" + db + "`.`" + table + "` SELECT * FROM `" + db + "`.`" + source + "`",
                "SET SESSION sql_log_bin = 1");
        mysql.column("ANALYZE TABLE `" + db + "`.`" + table + "`");
    }

    private void dropQuietly(String db, String table) {
        try {
            mysql.execute("DROP TABLE IF EXISTS `" + db + "`.`" + table + "`");
        }
        catch (SQLException e) {
            System.out.println("could not drop " + table + ": " + e);
        }
    }

    /** Databases of earlier bench JVMs that died before dropping theirs ({@code bench_<pid>_<n>}). */
    private void dropAbandonedBenchDatabases() throws SQLException {
        for (String name : mysql.column("SELECT SCHEMA_NAME FROM information_schema.SCHEMATA WHERE SCHEMA_NAME LIKE 'bench\\_%'")) {
            String[] parts = name.split("_");
            if (parts.length == 3 && parts[1].matches("\\d+") && ProcessHandle.of(Long.parseLong(parts[1])).isEmpty()) {
                mysql.execute("DROP DATABASE `" + name + "`");
            }
        }
    }

    private void write(BenchReport report, LocalDateTime started) throws IOException {
        Path out = settings.out();
        Files.createDirectories(out);
        String stamp = started.format(STAMP) + "-" + settings.rows() + "-rows";
        String svg = BarChart.svg(String.format("ALTER TABLE … %s, %,d rows", Tool.DDL, settings.rows()),
                settings.conditions().get(1).describe(), bars());
        Files.writeString(out.resolve("latest.svg"), svg);
        Files.writeString(out.resolve(stamp + ".svg"), svg);
        Files.writeString(out.resolve("latest.md"), report.markdown("latest.svg"));
        Files.writeString(out.resolve(stamp + ".md"), report.markdown(stamp + ".svg"));
        log("results: " + out.resolve("latest.md").toAbsolutePath() + " (and " + stamp + ".md)");
        System.out.println(report.markdown("latest.svg"));
    }

    private List<BarChart.Bar> bars() {
        List<Condition> conditions = settings.conditions();
        return results.tools().stream().filter(t -> !t.equals(TwowaySmallRevert.NAME))
                .map(t -> new BarChart.Bar(t, results.of(t, conditions.get(0), Metric.TOTAL_S),
                        results.of(t, conditions.get(1), Metric.TOTAL_S))).toList();
    }

    private void log(String line) throws IOException {
        String stamped = LocalDateTime.now().withNano(0) + " " + line;
        System.out.println(stamped);
        Files.createDirectories(progress.toAbsolutePath().getParent());
        Files.writeString(progress, stamped + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
