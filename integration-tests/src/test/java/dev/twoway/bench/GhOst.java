package dev.twoway.bench;

import java.util.ArrayList;
import java.util.List;

import dev.twoway.it.support.TestMySql;

/**
 * GitHub's binlog-based tool, run only when a {@code gh-ost} is on the PATH (the bench never
 * builds one; the README's "Benchmark" says how): against the primary, atomic cut-over, its tables
 * dropped at the end. 1.1.10-40-g145799ee needs nothing more for MySQL 8.4 and later (it speaks
 * their replica terminology itself).
 */
final class GhOst implements Tool {
    private final TestMySql mysql;
    private final String db;
    private final long rows;

    GhOst(TestMySql mysql, String db, long rows) {
        this.mysql = mysql;
        this.db = db;
        this.rows = rows;
    }

    static boolean onPath() {
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (java.nio.file.Files.isExecutable(java.nio.file.Path.of(dir, "gh-ost"))) {
                return true;
            }
        }
        return false;
    }

    @Override
    public String name() {
        return "gh-ost";
    }

    @Override
    public String tablePrefix() {
        return "gh_";
    }

    @Override
    public Undo migrate(String table, Load load, Sample sample) throws Exception {
        // --cut-over=atomic is its default, named so a new default cannot change what is measured.
        // --verbose: without it gh-ost logs only errors, none of the lines timed below.
        List<String> command = new ArrayList<>(List.of("gh-ost", "--host=" + mysql.host(), "--port=" + mysql.port(),
                "--user=" + mysql.user(), "--database=" + db, "--table=" + table, "--alter=" + DDL,
                "--allow-on-master", "--cut-over=atomic", "--initially-drop-ghost-table", "--initially-drop-old-table",
                "--ok-to-drop-table",
                "--serve-socket-file=/tmp/gh-ost." + db + "." + table + ".sock", "--verbose", "--execute"));
        if (!mysql.password().isEmpty()) {
            command.add("--password=" + mysql.password());
        }
        CpuSpan cpu = CpuSpan.start(mysql);
        ToolProcess ghost = ToolProcess.run(command, "");
        cpu.record(sample); // the process has been waited for: its CPU is counted
        long copied = ghost.at("Row copy complete");
        sample.with(Metric.TOTAL_S, (ghost.endMillis() - ghost.startMillis()) / 1e3);
        // Its last line before the copy starts: the time before it is connecting, inspecting, creating tables.
        sample.with(Metric.COPY_ROWS_PER_S, rows * 1e3 / (copied - ghost.at("First throttle metrics collected")));
        load.stall(sample, Metric.CUTOVER_STALL_P99_MS, Metric.CUTOVER_STALL_MAX_MS, copied,
                ghost.at("Tables renamed") + 1_000);
        return Undo.NOTHING;
    }
}
