package dev.twoway.bench;

import dev.twoway.it.support.TestMySql;

/**
 * MySQL's own online rebuild, the floor of an online change: {@code ALTER TABLE … DROP COLUMN
 * title, ALGORITHM=INPLACE, LOCK=NONE} on the table itself. The server copies the rows inside
 * InnoDB, logs the concurrent writes and applies them at the end under a short exclusive lock.
 * It keeps no old table and so cannot be taken back, and on a replica it runs again (the
 * replica lags by its whole length): twoway's and the other tools' price for those is what the
 * ratio to it shows.
 */
final class InplaceRebuild implements Tool {
    static final String NAME = "ALTER TABLE, ALGORITHM=INPLACE";

    private final TestMySql mysql;
    private final String db;
    private final long rows;

    InplaceRebuild(TestMySql mysql, String db, long rows) {
        this.mysql = mysql;
        this.db = db;
        this.rows = rows;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String tablePrefix() {
        return "inplace_";
    }

    /** The writer's stall is over the whole statement: it locks the table at its start and at its end. */
    @Override
    public Undo migrate(String table, Load load, Sample sample) throws Exception {
        CpuSpan cpu = CpuSpan.start(mysql);
        long start = System.currentTimeMillis();
        mysql.execute("ALTER TABLE `" + db + "`.`" + table + "` " + DDL + ", ALGORITHM=INPLACE, LOCK=NONE");
        long end = System.currentTimeMillis();
        cpu.record(sample);
        sample.with(Metric.TOTAL_S, (end - start) / 1e3).with(Metric.COPY_ROWS_PER_S, rows * 1e3 / (end - start));
        load.stall(sample, Metric.CUTOVER_STALL_P99_MS, Metric.CUTOVER_STALL_MAX_MS, start, end + 1_000);
        return Undo.NOTHING;
    }
}
