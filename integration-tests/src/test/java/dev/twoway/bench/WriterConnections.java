package dev.twoway.bench;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestMySql;

/**
 * A target rate of mixed statements split over several writer connections, committed every
 * {@code statementsPerTx} statements (1: each autocommitted): one connection waits for its
 * commit's fsync (sync_binlog=1) before it sends the next, so past a few hundred commits a second
 * only more connections or more statements per transaction raise the rate.
 */
final class WriterConnections implements AutoCloseable {
    private final List<TableModelWriter> writers = new ArrayList<>();

    private WriterConnections() {
    }

    static WriterConnections start(TestMySql mysql, String db, String table, int rate, int connections,
                                   int statementsPerTx) throws SQLException {
        WriterConnections all = new WriterConnections();
        try {
            for (int i = 0; i < connections; i++) {
                int share = rate / connections + (i < rate % connections ? 1 : 0);
                if (share > 0) {
                    all.writers.add(TableModelWriter.startUnmodelled(mysql, db, table, Load.WRITTEN, share,
                            statementsPerTx, 42 + i));
                }
            }
        }
        catch (SQLException | RuntimeException e) {
            all.closeQuietly();
            throw e;
        }
        return all;
    }

    /** Statements per second that started within [from, to] (epoch ms), all connections together. */
    double achievedPerSecond(long fromMillis, long toMillis) {
        long started = writers.stream().mapToLong(w -> w.startedWithin(fromMillis, toMillis)).sum();
        return started * 1e3 / Math.max(1, toMillis - fromMillis);
    }

    /** Committed transactions per second that started within [from, to] (epoch ms), all connections together. */
    double transactionsPerSecond(long fromMillis, long toMillis) {
        long started = writers.stream().mapToLong(w -> w.transactionsWithin(fromMillis, toMillis)).sum();
        return started * 1e3 / Math.max(1, toMillis - fromMillis);
    }

    /** Transactions rolled back after losing a deadlock, all connections together (not counted as achieved). */
    long deadlocks() {
        return writers.stream().mapToLong(TableModelWriter::deadlocks).sum();
    }

    /** The transactions' (statements' when autocommitted) latencies (ms) within [from, to], all connections together. */
    Distribution latencies(long fromMillis, long toMillis) {
        List<Double> all = new ArrayList<>();
        for (TableModelWriter w : writers) {
            for (double ms : w.latenciesMillis(fromMillis, toMillis)) {
                all.add(ms);
            }
        }
        return Distribution.of(all);
    }

    int size() {
        return writers.size();
    }

    private void closeQuietly() {
        try {
            close();
        }
        catch (Exception | AssertionError ignored) {
            // the start's own failure is the one to report
        }
    }

    @Override
    public void close() throws Exception {
        AssertionError failed = null;
        for (TableModelWriter w : writers) {
            try {
                w.close();
            }
            catch (AssertionError e) {
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
    }
}
