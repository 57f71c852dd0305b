package dev.twoway.bench;

import java.sql.SQLException;
import java.util.List;

import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestMySql;

/**
 * The writer of a run (none when idle): the table's surviving columns, one autocommitted
 * statement at a time, so a blocked table shows as one long statement.
 */
final class Load implements AutoCloseable {
    static final List<String> WRITTEN = List.of("k", "name", "c", "pad");

    private final TableModelWriter writer;

    private Load(TableModelWriter writer) {
        this.writer = writer;
    }

    static Load start(TestMySql mysql, String db, String table, Condition condition) throws SQLException {
        return new Load(condition.idle() ? null : TableModelWriter.startUnmodelled(mysql, db, table, WRITTEN, condition.rate()));
    }

    /**
     * Records p99 and max of the latencies of the statements running within [from, to] (epoch ms),
     * once the writer has gone on past {@code to}; nothing when idle.
     */
    void stall(Sample sample, Metric p99, Metric max, long fromMillis, long toMillis) throws InterruptedException {
        if (writer == null) {
            return;
        }
        long wait = toMillis + 200 - System.currentTimeMillis();
        if (wait > 0) {
            Thread.sleep(wait);
        }
        sample.with(p99, writer.latencyPercentileMillis(99, fromMillis, toMillis));
        sample.with(max, Distribution.of(writer.latenciesMillis(fromMillis, toMillis)).max());
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.close();
        }
    }
}
