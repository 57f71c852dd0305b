package dev.twoway.stack.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The live writer: about {@code rate} autocommitted INSERT/UPDATE/DELETE per second on the
 * columns the migration leaves alone, so its statements run unchanged on either schema, while
 * it keeps a model of what the table must hold. The walk-through's own writes (Savannah, the
 * rename) go through it too, so the model stays exact; the rows they touch it leaves alone.
 */
final class ModelWriter implements AutoCloseable {
    private record Latency(long startNanos, long nanos) {
    }

    private final MySqlTarget mysql;
    private final String table;
    private final List<String> columns;
    private final List<String> written;
    private final int rate;
    private final Map<Long, String[]> model;
    private final List<Long> ids;
    private final Random random = new Random(42);
    private final ConcurrentLinkedQueue<Latency> latencies = new ConcurrentLinkedQueue<>();
    private final AtomicLong statements = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private Connection connection;
    private Thread thread;

    private ModelWriter(MySqlTarget mysql, String table, List<String> columns, List<String> written, int rate,
                        Map<Long, String[]> model) {
        this.mysql = mysql;
        this.table = table;
        this.columns = columns;
        this.written = written;
        this.rate = rate;
        this.model = model;
        this.ids = new ArrayList<>(model.keySet());
        ids.remove(DemoTable.RENAMED_ID);
    }

    /** Reads the table into the model, then writes {@code written} columns {@code rate} times a second. */
    static ModelWriter start(MySqlTarget mysql, String table, List<String> columns, List<String> written, int rate)
            throws SQLException {
        ModelWriter writer = new ModelWriter(mysql, table, columns, written, rate, read(mysql, table, columns));
        writer.connection = mysql.connect();
        writer.thread = new Thread(writer::run, "twoway-demo-writer");
        writer.thread.setDaemon(true);
        writer.thread.start();
        return writer;
    }

    /** Every row of {@code table} by id, values in the order of {@code columns} (as MySQL renders them). */
    static Map<Long, String[]> read(MySqlTarget mysql, String table, List<String> columns) throws SQLException {
        Map<Long, String[]> rows = new HashMap<>();
        String select = "SELECT id, " + String.join(", ", columns.stream().map(c -> "`" + c + "`").toList())
                + " FROM " + table;
        try (Connection c = mysql.connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(select)) {
            while (rs.next()) {
                String[] row = new String[columns.size()];
                for (int i = 0; i < row.length; i++) {
                    row[i] = rs.getString(i + 2);
                }
                rows.put(rs.getLong(1), row);
            }
        }
        return rows;
    }

    private void run() {
        long interval = 1_000_000_000L / rate;
        long next = System.nanoTime();
        try {
            while (running) {
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    continue;
                }
                long start = System.nanoTime();
                synchronized (model) {
                    step();
                }
                latencies.add(new Latency(start, System.nanoTime() - start));
                statements.incrementAndGet();
                next = Math.max(next + interval, System.nanoTime() - interval);
            }
        }
        catch (Throwable t) {
            failure = t;
        }
    }

    private void step() throws SQLException {
        int dice = random.nextInt(10);
        if (ids.isEmpty() || dice < 3) {
            ids.add(insert(randomValues()));
        }
        else if (dice < 7) {
            update(ids.get(random.nextInt(ids.size())), randomValues());
        }
        else {
            delete(ids.remove(random.nextInt(ids.size())));
        }
    }

    /** Inserts a row with only {@code name} set (the other columns get their defaults); returns its id. */
    long insertName(String name) throws SQLException {
        synchronized (model) {
            return insert(Map.of("name", name));
        }
    }

    /** Sets {@code name} of row {@code id}. */
    void rename(long id, String name) throws SQLException {
        synchronized (model) {
            update(id, Map.of("name", name));
        }
    }

    private long insert(Map<String, String> values) throws SQLException {
        List<String> names = new ArrayList<>(values.keySet());
        String sql = "INSERT INTO " + table + " (" + columnList(names) + ") VALUES ("
                + String.join(", ", Collections.nCopies(names.size(), "?")) + ")";
        try (PreparedStatement s = connection.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            bind(s, names, values);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                long id = keys.getLong(1);
                String[] row = new String[columns.size()];
                values.forEach((column, value) -> row[columns.indexOf(column)] = value);
                model.put(id, row);
                return id;
            }
        }
    }

    private void update(long id, Map<String, String> values) throws SQLException {
        List<String> names = new ArrayList<>(values.keySet());
        String set = String.join(", ", names.stream().map(c -> "`" + c + "` = ?").toList());
        try (PreparedStatement s = connection.prepareStatement("UPDATE " + table + " SET " + set + " WHERE id = ?")) {
            bind(s, names, values);
            s.setLong(names.size() + 1, id);
            s.executeUpdate();
        }
        String[] row = model.get(id);
        values.forEach((column, value) -> row[columns.indexOf(column)] = value);
    }

    private void delete(long id) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
            s.setLong(1, id);
            s.executeUpdate();
        }
        model.remove(id);
    }

    private Map<String, String> randomValues() {
        Map<String, String> values = new HashMap<>();
        String tag = Long.toString(random.nextLong() & 0xffffffL, 36);
        for (String column : written) {
            values.put(column, switch (column) {
                case "score" -> Integer.toString(random.nextInt(1000));
                case "email" -> "w-" + tag + "@example.com";
                default -> column + "-" + tag;
            });
        }
        return values;
    }

    private static void bind(PreparedStatement s, List<String> names, Map<String, String> values) throws SQLException {
        for (int i = 0; i < names.size(); i++) {
            s.setString(i + 1, values.get(names.get(i)));
        }
    }

    private static String columnList(List<String> names) {
        return String.join(", ", names.stream().map(c -> "`" + c + "`").toList());
    }

    /** Fails the demo with the writer's error, if it had one. */
    void check() {
        if (failure != null) {
            throw new DemoFailure("the live writer failed: " + failure.getMessage());
        }
    }

    long statements() {
        return statements.get();
    }

    /** The longest statement in flight at any time within [from, to] (System.nanoTime()), in ms. */
    double longestStallMillis(long fromNanos, long toNanos) {
        return latencies.stream().filter(l -> l.startNanos() <= toNanos && l.startNanos() + l.nanos() >= fromNanos)
                .mapToLong(Latency::nanos).max().orElse(0) / 1e6;
    }

    /** The model; exact once the writer is closed. */
    Map<Long, String[]> model() {
        return model;
    }

    List<String> columns() {
        return columns;
    }

    /** Stops writing and waits for the last statement. */
    @Override
    public void close() throws Exception {
        running = false;
        if (thread != null) {
            thread.join(30_000);
        }
        if (connection != null) {
            connection.close();
        }
        check();
    }
}
