package dev.twoway.bench;

import java.time.Duration;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TestMySql;

/**
 * twoway on a 10,000-row table: the revert time to compare with the full table's (a revert
 * copies nothing, so it should not grow with the table), and under load the sink's lag while the
 * migration is held at {@code ready} for {@link #HOLD}.
 */
final class TwowaySmallRevert implements Tool {
    static final int ROWS = 10_000;
    static final String NAME = "twoway, 10,000 rows";
    private static final Duration HOLD = Duration.ofSeconds(20);

    private final TestMySql mysql;
    private final MigrationPipeline pipeline;
    private final String db;

    TwowaySmallRevert(TestMySql mysql, MigrationPipeline pipeline, String db) {
        this.mysql = mysql;
        this.pipeline = pipeline;
        this.db = db;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String tablePrefix() {
        return "tw_small_";
    }

    @Override
    public void prepare(String table) throws Exception {
        pipeline.awaitSettled(table);
    }

    @Override
    public Undo migrate(String table, Load load, Sample sample) throws Exception {
        TwowayMigration migration = new TwowayMigration(mysql, pipeline, db, table);
        if (sample.condition().idle()) {
            migration.start("complete");
        }
        else {
            migration.start("ready");
            new SinkLagProbe(mysql, pipeline).measure(db, table, migration.id(), HOLD, sample);
            migration.moveTo("complete");
        }
        Thread.sleep(1_000);
        migration.revert(load, sample);
        return migration::drop;
    }
}
