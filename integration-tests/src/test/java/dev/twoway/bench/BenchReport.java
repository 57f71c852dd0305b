package dev.twoway.bench;

import java.util.List;

/** The Markdown of a bench run: what and where, the results per tool and condition, twoway's own figures, the goals. */
final class BenchReport {
    private static final List<Metric> COMPARED = List.of(Metric.TOTAL_S, Metric.COPY_ROWS_PER_S,
            Metric.CUTOVER_STALL_P99_MS, Metric.CUTOVER_STALL_MAX_MS);
    private static final List<Metric> CPU = List.of(Metric.TOTAL_S, Metric.SERVER_CPU_S, Metric.JVM_CPU_S,
            Metric.TOOL_CPU_S, Metric.CORES_BUSY);
    private static final List<Metric> TWOWAY = List.of(Metric.STARTUP_S, Metric.CUTOVER_S, Metric.CHECKSUM_S,
            Metric.CHECKSUM_OF_COPY, Metric.REVERT_CHECKSUM_S, Metric.REVERT_S,
            Metric.REVERT_TO_SWAP_S, Metric.REVERT_STALL_P99_MS,
            Metric.REVERT_STALL_MAX_MS, Metric.LAG_P50_MS, Metric.LAG_P99_MS, Metric.MARKER_LAG_P50_MS,
            Metric.MARKER_LAG_P99_MS, Metric.HEAP_PEAK_MB, Metric.HEAP_AFTER_GC_MB);

    private final BenchSettings settings;
    private final Results results;
    private final List<String> machine;
    private final String started;

    BenchReport(BenchSettings settings, Results results, List<String> machine, String started) {
        this.settings = settings;
        this.results = results;
        this.machine = machine;
        this.started = started;
    }

    String markdown(String chart) {
        StringBuilder md = new StringBuilder();
        md.append("# twoway bench: `ALTER TABLE … ").append(Tool.DDL).append("`\n\n");
        md.append(String.format("%s: %,d rows (`TestTables.createItems`), %d run(s) per tool and condition, tools "
                + "alternating; idle, and under a writer of %,d mixed statements/s (3 inserts, 4 updates, 3 deletes in 10, "
                + "one autocommitted statement each) on the migrated table.%n%n", started, settings.rows(), settings.runs(),
                settings.rate()));
        machine.forEach(line -> md.append("- ").append(line).append('\n'));
        md.append("\nMedian, with the fastest and slowest run in brackets.\n\n");
        table(md, "tool", COMPARED, results.tools().stream().filter(t -> !t.equals(TwowaySmallRevert.NAME)).toList());
        md.append("\n`cut-over stall`: the writer's statements from the end of the copy to one second after the swap "
                + "(n/a idle: no writer; for the INPLACE rebuild, from the start of the ALTER to one second after its end).\n");
        ratios(md);
        md.append("\nWhere the machine's CPU went over each tool's total: the MySQL server, the bench's JVM (the writer, "
                + "the Kafka broker and the Connect worker, whose source reads every tool's copy from the binary log; "
                + "JIT and GC included) and the tool's own process:\n\n");
        table(md, "tool", CPU, results.tools().stream().filter(t -> !t.equals(TwowaySmallRevert.NAME)).toList());
        md.append("\ntwoway's own figures (revert: from the `PUT` of `migration.target=reverted` to the state row "
                + "saying `reverted`, and to the swap's `cutover_at`; sink lag: held at `ready` for 20 s under load; "
                + "the twoway total is request to copy start + copy + copied to complete):\n\n");
        table(md, "twoway", TWOWAY, List.of(TwowayTool.NAME, TwowayTool.WITHOUT_TOPIC, TwowaySmallRevert.NAME));
        md.append("\n![median total time per tool, idle and under load](").append(chart).append(")\n\n");
        md.append("## Goals\n\n| goal | measured | |\n|---|---|---|\n");
        for (Goals.Goal goal : Goals.check(results, settings.conditions(), settings.rows())) {
            md.append("| ").append(goal.goal()).append(" | ").append(goal.measured()).append(" | ").append(goal.verdict())
                    .append(" |\n");
        }
        if (!results.failures().isEmpty()) {
            md.append("\n## Failed runs\n\n");
            results.failures().forEach(f -> md.append("- ").append(f.replace("\n", " ")).append('\n'));
        }
        md.append("\n").append(HOW);
        return md.toString();
    }

    /** twoway's median total over each other tool's, per condition. */
    private void ratios(StringBuilder md) {
        List<String> others = results.tools().stream().filter(t -> !t.equals(TwowaySmallRevert.NAME)
                && !t.startsWith(TwowayTool.NAME)).toList();
        md.append("\ntwoway's median total over each tool's (below 1: twoway is faster):\n\n| condition |");
        others.forEach(t -> md.append(" twoway / ").append(t).append(" |"));
        md.append("\n|---|").append("---|".repeat(others.size())).append('\n');
        for (Condition condition : settings.conditions()) {
            double twoway = results.median(TwowayTool.NAME, condition, Metric.TOTAL_S);
            md.append("| ").append(condition.describe()).append(" |");
            others.forEach(t -> md.append(String.format(" %.2f |", twoway / results.median(t, condition, Metric.TOTAL_S))));
            md.append('\n');
        }
    }

    /** One row per tool and condition that has any of the metrics. */
    private void table(StringBuilder md, String first, List<Metric> metrics, List<String> tools) {
        md.append("| ").append(first).append(" | condition |");
        metrics.forEach(m -> md.append(' ').append(m.label).append(" |"));
        md.append("\n|---|---|").append("---|".repeat(metrics.size())).append('\n');
        for (String tool : tools) {
            for (Condition condition : settings.conditions()) {
                if (metrics.stream().allMatch(m -> results.of(tool, condition, m).isEmpty())) {
                    continue;
                }
                md.append("| ").append(tool).append(" | ").append(condition.describe()).append(" |");
                metrics.forEach(m -> md.append(' ').append(results.of(tool, condition, m).summary(m)).append(" |"));
                md.append('\n');
            }
        }
    }

    static final String HOW = """
            ## How it is measured

            - Each run migrates a fresh copy of the table (rows copied with `sql_log_bin = 0`, like a table's old \
            history), then `ANALYZE TABLE`, as a table in service has statistics (without them \
            pt-online-schema-change estimates one row and copies the table in one statement). For twoway the table's \
            topic exists and the sink follows it before the clock starts (a row inserted and deleted), as for any table \
            that has had a write since the source was deployed. Before the timed runs, each tool migrates the table \
            once under load, untimed (warm JVM, caches and topics, as on a worker in service); above 1,000,000 rows that warm-up migrates the 10,000-row table instead (no cache holds the table then, and a warm-up per tool would double the bench).
            - total: pt-online-schema-change and gh-ost from process start to exit; twoway from the coordinator's `POST` \
            to the state row saying `complete` (polled every 20 ms on one connection), after the pipeline has caught up with the binlog.
            - copy rows/s: rows over the copy's time (pt: its "Copying" to "Copied rows OK" lines; gh-ost: "First \
            throttle metrics collected" to "Row copy complete"; twoway: state `running` to `ready`, which includes \
            creating the shadow table).
            - cut-over stall: latencies of the writer's statements running from the end of the copy to one second after \
            the swap (pt: "Swapped original and new tables OK"; gh-ost: "Tables renamed"; twoway: state `complete`); \
            revert stall: from the `PUT` to one second after `reverted`.
            - sink lag (probe): a probe row updated every 200 ms, from its commit until the shadow table shows it \
            (polled every ms); `lag_ms`: the coordinator's sync markers, insert to reached, to its 200 ms tick.
            - heap: the embedded Connect worker runs in the test JVM with the Kafka broker and the bench, and `./twoway \
            bench` caps that JVM's heap at 512 MiB (`-Xmx512m`): every run completing inside it bounds the worker's \
            heap. Peak: the heap pools' peak usage since a `System.gc()` just before the migration (garbage not yet \
            collected counts, so it grows with the room the JVM has); after GC: the largest heap left after a collection.
            - CPU: from `/proc` at the start and the end of each tool's total, the server's process (when it runs on \
            this machine), this JVM, and the child processes it waited for; cores busy is their sum over the total.
            - floor: one `INSERT … SELECT` of the projected columns into an empty table of the new schema, logged.
            - INPLACE: `ALTER TABLE … DROP COLUMN title, ALGORITHM=INPLACE, LOCK=NONE` on the table itself, MySQL's \
            own online rebuild: no old table kept (it cannot be taken back), replayed whole on replicas.
            - table without a topic yet: twoway on a table with no write since the source was deployed (idle only): \
            the migration's first marker creates the topic and the sink finds it while the clock runs.
            """;
}
