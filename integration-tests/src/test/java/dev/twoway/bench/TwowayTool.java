package dev.twoway.bench;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TestMySql;

/**
 * twoway at full size: the migration to {@code complete} (total time, copy rate, the writer's
 * stall from the end of the copy to the swap), then its revert, and the heap of the JVM the
 * Connect worker runs in. {@link #withoutTopic} is the same on a table that has had no write
 * since the source was deployed, so its topic is created by the migration itself and found by
 * the sink while the clock runs: the case of most small tables, idle only.
 */
final class TwowayTool implements Tool {
    static final String NAME = "twoway";
    static final String WITHOUT_TOPIC = "twoway, no topic yet";

    private final TestMySql mysql;
    private final MigrationPipeline pipeline;
    private final HeapWatch heap;
    private final String db;
    private final long rows;
    private final boolean followed;

    private TwowayTool(TestMySql mysql, MigrationPipeline pipeline, HeapWatch heap, String db, long rows,
                       boolean followed) {
        this.mysql = mysql;
        this.pipeline = pipeline;
        this.heap = heap;
        this.db = db;
        this.rows = rows;
        this.followed = followed;
    }

    static TwowayTool followed(TestMySql mysql, MigrationPipeline pipeline, HeapWatch heap, String db, long rows) {
        return new TwowayTool(mysql, pipeline, heap, db, rows, true);
    }

    static TwowayTool withoutTopic(TestMySql mysql, MigrationPipeline pipeline, HeapWatch heap, String db, long rows) {
        return new TwowayTool(mysql, pipeline, heap, db, rows, false);
    }

    @Override
    public String name() {
        return followed ? NAME : WITHOUT_TOPIC;
    }

    /** Each table name once per bench JVM, so a table without a topic never finds an earlier run's. */
    @Override
    public String tablePrefix() {
        return followed ? "tw_" : "tw_fresh_";
    }

    @Override
    public boolean runs(Condition condition) {
        return followed || condition.idle();
    }

    /**
     * A deployed pipeline is caught up with the binlog; the other tools' bulk copies just went
     * through it (read and skipped), so the clock starts once that is done. And a table with a
     * history has a topic the sink already follows; a fresh copy gets one here (a row inserted
     * and deleted), so the run does not time Kafka creating a topic and the sink discovering it.
     */
    @Override
    public void prepare(String table) throws Exception {
        if (followed) {
            pipeline.awaitSettled(table);
        }
        else {
            pipeline.awaitCaughtUp("tw_probe", java.time.Duration.ofMinutes(10));
        }
    }

    @Override
    public Undo migrate(String table, Load load, Sample sample) throws Exception {
        heap.reset();
        TwowayMigration migration = new TwowayMigration(mysql, pipeline, db, table);
        CpuSpan cpu = CpuSpan.start(mysql);
        long requested = System.currentTimeMillis();
        MigrationClock clock = migration.start("complete");
        cpu.record(sample);
        long complete = clock.firstSeen("complete");
        long copied = clock.firstSeen("ready", "complete");
        sample.with(Metric.TOTAL_S, (complete - requested) / 1e3);
        sample.with(Metric.COPY_ROWS_PER_S, rows * 1e3 / (copied - clock.firstSeen("running")));
        sample.with(Metric.STARTUP_S, (clock.firstSeen("running") - requested) / 1e3);
        sample.with(Metric.CUTOVER_S, (complete - copied) / 1e3);
        double checksum = migration.checksumSeconds("cut-over");
        sample.with(Metric.CHECKSUM_S, checksum);
        sample.with(Metric.CHECKSUM_OF_COPY, checksum * 1e3 / (copied - clock.firstSeen("running")));
        System.out.println(name() + ", " + table + ": stages, first seen after the request: " + clock.timeline(requested));
        load.stall(sample, Metric.CUTOVER_STALL_P99_MS, Metric.CUTOVER_STALL_MAX_MS, copied, complete + 1_000);
        migration.revert(load, sample);
        sample.with(Metric.HEAP_PEAK_MB, heap.peakMb()).with(Metric.HEAP_AFTER_GC_MB, heap.afterGcMb());
        return migration::drop;
    }
}
