package dev.twoway.bench;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TestMySql;

/**
 * twoway at full size: the migration to {@code complete} (total time, copy rate, the writer's
 * stall from the end of the copy to the swap), then its revert, and the heap of the JVM the
 * Connect worker runs in.
 */
final class TwowayTool implements Tool {
    private final TestMySql mysql;
    private final MigrationPipeline pipeline;
    private final HeapWatch heap;
    private final String db;
    private final long rows;

    TwowayTool(TestMySql mysql, MigrationPipeline pipeline, HeapWatch heap, String db, long rows) {
        this.mysql = mysql;
        this.pipeline = pipeline;
        this.heap = heap;
        this.db = db;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "twoway";
    }

    @Override
    public String tablePrefix() {
        return "tw_";
    }

    /**
     * A deployed pipeline is caught up with the binlog; the other tools' bulk copies just went
     * through it (read and skipped), so the clock starts once that is done. And a table with a
     * history has a topic the sink already follows; a fresh copy gets one here (a row inserted
     * and deleted), so the run does not time Kafka creating a topic and the sink discovering it.
     */
    @Override
    public void prepare(String table) throws Exception {
        pipeline.awaitSettled(table);
    }

    @Override
    public Undo migrate(String table, Load load, Sample sample) throws Exception {
        heap.reset();
        TwowayMigration migration = new TwowayMigration(mysql, pipeline, db, table);
        long requested = System.currentTimeMillis();
        MigrationClock clock = migration.start("complete");
        long complete = clock.firstSeen("complete");
        long copied = clock.firstSeen("ready", "complete");
        sample.with(Metric.TOTAL_S, (complete - requested) / 1e3);
        sample.with(Metric.COPY_ROWS_PER_S, rows * 1e3 / (copied - clock.firstSeen("running")));
        sample.with(Metric.STARTUP_S, (clock.firstSeen("running") - requested) / 1e3);
        sample.with(Metric.CUTOVER_S, (complete - copied) / 1e3);
        double checksum = migration.checksumSeconds("cut-over");
        sample.with(Metric.CHECKSUM_S, checksum);
        sample.with(Metric.CHECKSUM_OF_COPY, checksum * 1e3 / (copied - clock.firstSeen("running")));
        load.stall(sample, Metric.CUTOVER_STALL_P99_MS, Metric.CUTOVER_STALL_MAX_MS, copied, complete + 1_000);
        migration.revert(load, sample);
        sample.with(Metric.HEAP_PEAK_MB, heap.peakMb()).with(Metric.HEAP_AFTER_GC_MB, heap.afterGcMb());
        return migration::drop;
    }
}
