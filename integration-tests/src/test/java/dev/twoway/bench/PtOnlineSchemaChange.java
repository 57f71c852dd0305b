package dev.twoway.bench;

import java.util.List;

import dev.twoway.it.support.TestMySql;

/** Percona's trigger-based tool: copy in chunks, triggers for concurrent writes, atomic RENAME. */
final class PtOnlineSchemaChange implements Tool {
    private final TestMySql mysql;
    private final String db;
    private final long rows;

    PtOnlineSchemaChange(TestMySql mysql, String db, long rows) {
        this.mysql = mysql;
        this.db = db;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "pt-online-schema-change";
    }

    @Override
    public String tablePrefix() {
        return "pt_";
    }

    @Override
    public Undo migrate(String table, Load load, Sample sample) throws Exception {
        CpuSpan cpu = CpuSpan.start(mysql);
        ToolProcess pt = ToolProcess.run(List.of("pt-online-schema-change", "--alter", DDL,
                "h=" + mysql.host() + ",P=" + mysql.port() + ",u=" + mysql.user() + ",D=" + db + ",t=" + table,
                "--execute", "--set-vars", "explain_format=TRADITIONAL", "--recursion-method=none"), mysql.password());
        cpu.record(sample); // the process has been waited for: its CPU is counted
        long copied = pt.at("Copied rows OK");
        sample.with(Metric.TOTAL_S, (pt.endMillis() - pt.startMillis()) / 1e3);
        sample.with(Metric.COPY_ROWS_PER_S, rows * 1e3 / (copied - pt.at("Copying approximately")));
        load.stall(sample, Metric.CUTOVER_STALL_P99_MS, Metric.CUTOVER_STALL_MAX_MS, copied,
                pt.at("Swapped original and new tables OK") + 1_000);
        return Undo.NOTHING;
    }
}
