package dev.twoway.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A live writer for the end-to-end tests: about {@code rate} mixed INSERT/UPDATE/DELETE per
 * second on {@code id bigint auto_increment} tables, one autocommitted statement each, while
 * it keeps its own model of what the table must hold. It writes only columns that keep their
 * name and meaning across the migration under test, so its statements run unchanged before and
 * after the cut-over; every other column keeps the value it had (or its default).
 */
public final class TableModelWriter implements AutoCloseable {
    /** One transaction: when it started, how long it took, how many statements it held. */
    public record Latency(long startMillis, long nanos, int statements) {
    }

    private final TestMySql mysql;
    private final String schema;
    private final String table;
    private final List<String> writtenColumns;
    private final int rate;
    /** Statements per transaction: 1 autocommits each, as an application without transactions does. */
    private final int statementsPerTx;
    private final Random random;
    private final Map<Long, Map<String, String>> model;
    private final LiveIds ids;
    private final ConcurrentLinkedQueue<Latency> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Object pauseLock = new Object();
    private boolean paused;
    private boolean idle;
    private final AtomicLong statements = new AtomicLong();
    private final AtomicLong deadlocks = new AtomicLong();
    private static final int DEADLOCK = 1213;
    private static final int LOCK_WAIT_TIMEOUT = 1205;
    private volatile Throwable failure;
    private Thread thread;

    private TableModelWriter(TestMySql mysql, String schema, String table, List<String> writtenColumns, int rate,
                             int statementsPerTx, Map<Long, Map<String, String>> model, long seed) {
        this(mysql, schema, table, writtenColumns, rate, statementsPerTx, model, new LiveIds(), seed);
        model.keySet().forEach(ids::add);
    }

    private TableModelWriter(TestMySql mysql, String schema, String table, List<String> writtenColumns, int rate,
                             int statementsPerTx, Map<Long, Map<String, String>> model, LiveIds ids, long seed) {
        this.statementsPerTx = statementsPerTx;
        this.random = new Random(seed);
        this.mysql = mysql;
        this.schema = schema;
        this.table = table;
        this.writtenColumns = writtenColumns;
        this.rate = rate;
        this.model = model;
        this.ids = ids;
    }

    /** Reads the table into the model, then starts writing {@code rate} statements per second. */
    public static TableModelWriter start(TestMySql mysql, String schema, String table, List<String> writtenColumns,
                                         int rate) throws SQLException {
        Map<Long, Map<String, String>> model = read(mysql, schema, table, "id");
        TableModelWriter writer = new TableModelWriter(mysql, schema, table, writtenColumns, rate, 1, model, 42);
        writer.thread = new Thread(writer::run, "writer-" + table);
        writer.thread.start();
        return writer;
    }

    /**
     * The same writer without a model of the rows already there (it reads only their ids): for
     * benchmarks on tables too large to hold in the test JVM, where nothing is compared.
     */
    public static TableModelWriter startUnmodelled(TestMySql mysql, String schema, String table,
                                                   List<String> writtenColumns, int rate) throws SQLException {
        return startUnmodelled(mysql, schema, table, writtenColumns, rate, 42);
    }

    /**
     * An unmodelled writer whose choices follow {@code seed}: several writers on one table, each on
     * its own connection, need seeds of their own, or they would pick the same rows in step.
     */
    public static TableModelWriter startUnmodelled(TestMySql mysql, String schema, String table,
                                                   List<String> writtenColumns, int rate, long seed) throws SQLException {
        return startUnmodelled(mysql, schema, table, writtenColumns, rate, 1, seed);
    }

    /**
     * An unmodelled writer that commits every {@code statementsPerTx} statements: with
     * sync_binlog=1 each commit waits for an fsync, so grouping is what lets a few connections
     * reach thousands of statements a second. Only unmodelled: a transaction that loses a
     * deadlock is rolled back and not counted, which a model could not follow.
     */
    public static TableModelWriter startUnmodelled(TestMySql mysql, String schema, String table,
                                                   List<String> writtenColumns, int rate, int statementsPerTx,
                                                   long seed) throws SQLException {
        if (statementsPerTx < 1) {
            throw new IllegalArgumentException("statements per transaction must be at least 1: " + statementsPerTx);
        }
        TableModelWriter writer = new TableModelWriter(mysql, schema, table, writtenColumns, rate, statementsPerTx,
                new TreeMap<>(), LiveIds.of(mysql, schema, table), seed);
        writer.thread = new Thread(writer::run, "writer-" + table + "-" + seed);
        writer.thread.start();
        return writer;
    }

    /** Every row of the table by id, each as column name to value (as MySQL renders it as a string). */
    public static Map<Long, Map<String, String>> read(TestMySql mysql, String schema, String table, String idColumn)
            throws SQLException {
        Map<Long, Map<String, String>> rows = new TreeMap<>();
        try (Connection c = mysql.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM `" + schema + "`.`" + table + "`")) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 1; i <= columns; i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                rows.put(rs.getLong(idColumn), row);
            }
        }
        return rows;
    }

    private void run() {
        long intervalNanos = 1_000_000_000L * statementsPerTx / rate;
        long next = System.nanoTime();
        try (Connection c = mysql.connect()) {
            c.setAutoCommit(statementsPerTx == 1);
            while (running.get()) {
                long now = System.nanoTime();
                if (now < next) {
                    Thread.sleep((next - now) / 1_000_000, (int) ((next - now) % 1_000_000));
                    continue;
                }
                if (waitWhilePaused()) {
                    next = System.nanoTime();
                    continue;
                }
                long startMillis = System.currentTimeMillis();
                long start = System.nanoTime();
                if (transaction(c)) {
                    latencies.add(new Latency(startMillis, System.nanoTime() - start, statementsPerTx));
                    statements.addAndGet(statementsPerTx);
                }
                next = Math.max(next + intervalNanos, System.nanoTime() - intervalNanos);
            }
        }
        catch (Throwable t) {
            failure = t;
        }
    }

    /** Blocks while paused; true when it did wait. */
    private boolean waitWhilePaused() throws InterruptedException {
        synchronized (pauseLock) {
            if (!paused) {
                return false;
            }
            idle = true;
            pauseLock.notifyAll();
            while (paused && running.get()) {
                pauseLock.wait(100);
            }
            idle = false;
            return true;
        }
    }

    /** Stops issuing statements and returns once the last one has completed: the model then equals the table. */
    public void pause() throws InterruptedException {
        synchronized (pauseLock) {
            paused = true;
            long deadline = System.currentTimeMillis() + 60_000;
            while (!idle && thread.isAlive()) {
                if (System.currentTimeMillis() > deadline) {
                    throw new AssertionError("the writer did not pause within 60 s");
                }
                pauseLock.wait(100);
            }
        }
    }

    public void resume() {
        synchronized (pauseLock) {
            paused = false;
            pauseLock.notifyAll();
        }
    }

    /** One statement autocommitted, or a transaction of several; false when it lost a deadlock (rolled back). */
    private boolean transaction(Connection c) throws SQLException {
        if (statementsPerTx == 1) {
            step(c);
            return true;
        }
        try {
            for (int i = 0; i < statementsPerTx; i++) {
                step(c);
            }
            c.commit();
            return true;
        }
        catch (SQLException e) {
            c.rollback();
            if (e.getErrorCode() == DEADLOCK || e.getErrorCode() == LOCK_WAIT_TIMEOUT) {
                deadlocks.incrementAndGet();
                return false;
            }
            throw e;
        }
    }

    private void step(Connection c) throws SQLException {
        int dice = random.nextInt(10);
        if (ids.isEmpty() || dice < 3) {
            insert(c);
        }
        else if (dice < 7) {
            update(c, ids.pick(random));
        }
        else {
            delete(c, ids.take(random));
        }
    }

    private void insert(Connection c) throws SQLException {
        Map<String, String> values = values();
        String sql = "INSERT INTO `" + schema + "`.`" + table + "` (" + columnList() + ") VALUES ("
                + String.join(", ", java.util.Collections.nCopies(writtenColumns.size(), "?")) + ")";
        try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(s, values);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                Map<String, String> row = new LinkedHashMap<>(newRowTemplate());
                row.put("id", Long.toString(id));
                row.putAll(values);
                model.put(id, row);
                ids.add(id);
            }
        }
    }

    private void update(Connection c, long id) throws SQLException {
        Map<String, String> values = values();
        String set = String.join(", ", writtenColumns.stream().map(col -> "`" + col + "` = ?").toList());
        try (PreparedStatement s = c.prepareStatement("UPDATE `" + schema + "`.`" + table + "` SET " + set
                + " WHERE id = ?")) {
            bind(s, values);
            s.setLong(writtenColumns.size() + 1, id);
            s.executeUpdate();
        }
        Map<String, String> row = model.get(id);
        if (row != null) { // null only for the rows an unmodelled writer found
            row.putAll(values);
        }
    }

    private void delete(Connection c, long id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM `" + schema + "`.`" + table + "` WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        model.remove(id);
    }

    /** Columns a new row has that the writer does not write: NULL, as in the original table. */
    private Map<String, String> newRowTemplate() {
        Map<String, String> template = new LinkedHashMap<>();
        model.values().stream().findFirst().ifPresent(any -> any.keySet().forEach(k -> template.put(k, null)));
        return template;
    }

    private Map<String, String> values() {
        Map<String, String> values = new LinkedHashMap<>();
        for (String column : writtenColumns) {
            values.put(column, column.equals("k") ? Integer.toString(random.nextInt(1000))
                    : column + "-" + Long.toString(random.nextLong() & 0xffffffL, 36));
        }
        return values;
    }

    private void bind(PreparedStatement s, Map<String, String> values) throws SQLException {
        int i = 1;
        for (String column : writtenColumns) {
            s.setString(i++, values.get(column));
        }
    }

    private String columnList() {
        return String.join(", ", writtenColumns.stream().map(c -> "`" + c + "`").toList());
    }

    /** Stops writing and waits for the last statement; rethrows what made the writer fail. */
    @Override
    public void close() throws Exception {
        running.set(false);
        resume();
        thread.join(30_000);
        if (failure != null) {
            throw new AssertionError("the writer failed", failure);
        }
    }

    /** The model, once the writer is closed. */
    public Map<Long, Map<String, String>> model() {
        return model;
    }

    public long statements() {
        return statements.get();
    }

    /** How many statements of committed transactions started within [from, to] (epoch ms). */
    public long startedWithin(long fromMillis, long toMillis) {
        return latencies.stream().filter(l -> l.startMillis() >= fromMillis && l.startMillis() <= toMillis)
                .mapToLong(Latency::statements).sum();
    }

    /** How many committed transactions (autocommitted statements) started within [from, to] (epoch ms). */
    public long transactionsWithin(long fromMillis, long toMillis) {
        return latencies.stream().filter(l -> l.startMillis() >= fromMillis && l.startMillis() <= toMillis).count();
    }

    /** Transactions rolled back after losing a deadlock or a lock wait (only when several statements share one). */
    public long deadlocks() {
        return deadlocks.get();
    }

    /** The longest statement that started within [from, to] (epoch ms), in ms. */
    public double longestStallMillis(long fromMillis, long toMillis) {
        return latencies.stream().filter(l -> l.startMillis() >= fromMillis && l.startMillis() <= toMillis)
                .mapToLong(Latency::nanos).max().orElse(0) / 1e6;
    }

    public double longestStallMillis() {
        return longestStallMillis(0, Long.MAX_VALUE);
    }

    /**
     * The latencies (ms, ascending) of the transactions (statements when autocommitted) that were running at some time within
     * [from, to] (epoch ms): a statement blocked since before the window counts too.
     */
    public double[] latenciesMillis(long fromMillis, long toMillis) {
        return latencies.stream()
                .filter(l -> l.startMillis() <= toMillis && l.startMillis() + l.nanos() / 1_000_000 >= fromMillis)
                .mapToDouble(l -> l.nanos() / 1e6).sorted().toArray();
    }

    /** The {@code percentile} (0-100, nearest rank) of {@link #latenciesMillis}, or 0 when none ran. */
    public double latencyPercentileMillis(double percentile, long fromMillis, long toMillis) {
        double[] sorted = latenciesMillis(fromMillis, toMillis);
        if (sorted.length == 0) {
            return 0;
        }
        int rank = (int) Math.ceil(percentile / 100 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length, rank) - 1)];
    }
}
