package dev.twoway.it.fidelity;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;

import dev.twoway.it.support.TestMySql;

/**
 * Writes edge values into one table from sessions in several time zones: inserts under fresh keys
 * (a key is never used twice, so a deleted row never comes back under its old key), updates of a
 * few columns and deletes of live rows. It reads the table's columns when started, so the same
 * writer serves the old schema before the cut-over and the new one after it. Statements the table
 * refuses (a CHECK, a value outside a case's domain) are counted, not fatal: each phase checks
 * that enough of them succeeded.
 */
final class EdgeWriter implements AutoCloseable {
    /** The writers' session zones: UTC, fixed offsets on both sides, the server's own. */
    private static final long PACE_MS = 6;
    static final List<String> ZONES = List.of("'+00:00'", "'+05:00'", "'-08:00'", "@@GLOBAL.time_zone");

    private final TestMySql mysql;
    private final String schema;
    private final String table;
    private final Map<String, List<String>> domains;
    private final Map<String, ColumnInfo> reference;
    private final Random random;
    private final KeyMaker keys;
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicLong succeeded = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private final List<String> firstErrors = new ArrayList<>();
    private final Set<List<String>> changed = new LinkedHashSet<>();
    private final Set<String> fixed;
    private List<ColumnInfo> writable;
    private List<ColumnInfo> updatable;
    private final List<Connection> sessions = new ArrayList<>();
    private Thread thread;
    private volatile Throwable crash;

    /**
     * {@code domains}: the literals of a column where a case narrows them; {@code reference}: the
     * column whose type the values are made for, where it is not the column's own (after a change of
     * type, values the old type holds too, so that a revert can take them back); {@code fixed}: columns
     * written by inserts only.
     */
    EdgeWriter(TestMySql mysql, String schema, String table, Map<String, List<String>> domains, Set<String> fixed,
               Map<String, ColumnInfo> reference, long seed, KeyMaker keys) {
        this.mysql = mysql;
        this.schema = schema;
        this.table = table;
        this.domains = domains;
        this.fixed = fixed;
        this.reference = reference;
        this.random = new Random(seed);
        this.keys = keys;
    }

    /** A session whose update counts are the rows changed, not matched: only a changed row reaches the binlog. */
    private Connection connect() throws SQLException {
        return DriverManager.getConnection(mysql.jdbcUrl() + "&useAffectedRows=true", mysql.user(), mysql.password());
    }

    /** Opens the sessions and reads the table's columns. */
    EdgeWriter open() throws SQLException {
        for (String zone : ZONES) {
            Connection c = connect();
            try (Statement s = c.createStatement()) {
                s.execute("SET SESSION time_zone = " + zone);
            }
            sessions.add(c);
        }
        Connection zero = connect();
        try (Statement s = zero.createStatement()) {
            s.execute("SET SESSION sql_mode = CONCAT(@@SESSION.sql_mode, ',NO_AUTO_VALUE_ON_ZERO')");
        }
        sessions.add(zero);
        List<ColumnInfo> columns = ColumnInfo.of(sessions.get(0), schema, table);
        keys.read(sessions.get(0), schema, table, columns);
        writable = columns.stream().filter(c -> !c.generated() && !keys.isKey(c.name())).toList();
        updatable = writable.stream().filter(c -> fixed.stream().noneMatch(c.name()::equalsIgnoreCase)).toList();
        return this;
    }

    /** {@code rows} inserts, column values rotating through each column's literals so every one appears. */
    void seed(int rows) throws SQLException {
        for (int i = 0; i < rows; i++) {
            List<String> names = new ArrayList<>(keys.columns());
            List<String> values = new ArrayList<>(keys.fresh());
            for (int j = 0; j < writable.size(); j++) {
                List<String> literals = literals(writable.get(j));
                names.add(writable.get(j).name());
                values.add(concrete(writable.get(j), literals.get((i + j) % literals.size())));
            }
            run(sessions.get(i % sessions.size()), insert(names, values), null);
        }
    }

    /** A row whose auto-increment key is 0, written with NO_AUTO_VALUE_ON_ZERO as a dump would. */
    void seedZeroKey() throws SQLException {
        List<String> names = new ArrayList<>(keys.columns());
        List<String> values = new ArrayList<>(keys.zero());
        run(sessions.get(sessions.size() - 1), insert(names, values), null);
    }

    /** Writes in the background until {@link #stop()}. */
    void start() {
        thread = new Thread(() -> {
            try {
                while (!stopping.get()) {
                    step();
                    Thread.sleep(PACE_MS); // a steady writer, not a flood: about 150 statements a second
                }
            }
            catch (Throwable e) {
                crash = e;
            }
        }, "edge-writer-" + table);
        thread.setDaemon(true);
        thread.start();
    }

    /** Stops the background writes and waits for the last one to finish. */
    void stop() throws InterruptedException {
        stopping.set(true);
        if (thread != null) {
            thread.join(60_000);
        }
        if (crash != null) {
            throw new AssertionError("the writer of " + table + " crashed", crash);
        }
    }

    /** One statement: an insert, an update of one to three columns, or a delete. */
    void step() throws SQLException {
        Connection c = sessions.get(random.nextInt(sessions.size() - 1));
        int op = random.nextInt(100);
        if (op < 40 || keys.live().isEmpty()) {
            List<String> names = new ArrayList<>(keys.columns());
            List<String> values = new ArrayList<>(keys.fresh());
            for (ColumnInfo column : writable) {
                if (random.nextInt(5) > 0) {
                    names.add(column.name());
                    values.add(pick(column));
                }
            }
            run(c, insert(names, values), null);
        }
        else if (op < 85) {
            List<String> sets = new ArrayList<>();
            for (int i = 0, n = 1 + random.nextInt(3); i < n && !updatable.isEmpty(); i++) {
                ColumnInfo column = updatable.get(random.nextInt(updatable.size()));
                sets.add("`" + column.name() + "` = " + pick(column));
            }
            List<String> key = randomLive();
            if (!sets.isEmpty()) {
                run(c, "UPDATE " + qualified() + " SET " + String.join(", ", sets) + " WHERE " + keys.where(key), key);
            }
        }
        else {
            List<String> key = randomLive();
            if (run(c, "DELETE FROM " + qualified() + " WHERE " + keys.where(key), key)) {
                keys.live().remove(key);
            }
        }
    }

    long succeeded() {
        return succeeded.get();
    }

    long refused() {
        return refused.get();
    }

    synchronized List<String> firstErrors() {
        return List.copyOf(firstErrors);
    }

    /** The keys of the rows this writer changed (inserted, updated to other values, deleted), in the key's columns. */
    synchronized Set<List<String>> changed() {
        return Set.copyOf(changed);
    }

    List<String> keyColumns() {
        return keys.columns();
    }

    private List<String> randomLive() {
        return keys.live().get(random.nextInt(keys.live().size()));
    }

    private String pick(ColumnInfo column) {
        List<String> literals = literals(column);
        return concrete(column, literals.get(random.nextInt(literals.size())));
    }

    /** {@link EdgeValues#UNIQUE} becomes a value no row has had. */
    private String concrete(ColumnInfo column, String literal) {
        return EdgeValues.UNIQUE.equals(literal) ? keys.unique(column) : literal;
    }

    private List<String> literals(ColumnInfo column) {
        List<String> domain = domains.get(column.name());
        if (domain != null) {
            return domain;
        }
        ColumnInfo typed = reference.get(column.name().toLowerCase(java.util.Locale.ROOT));
        return EdgeValues.of(typed == null ? column : typed);
    }

    private String insert(List<String> names, List<String> values) {
        return "INSERT INTO " + qualified() + " (" + names.stream().map(n -> "`" + n + "`").collect(Collectors.joining(", "))
                + ") VALUES (" + String.join(", ", values) + ")";
    }

    /**
     * Runs one statement on the row of {@code key} (null: an insert, whose key becomes live when it
     * succeeds); a row it changes is recorded.
     */
    private boolean run(Connection c, String sql, List<String> key) throws SQLException {
        try (Statement s = c.createStatement()) {
            int rows = s.executeUpdate(sql);
            succeeded.incrementAndGet();
            List<String> row = key == null ? keys.inserted() : key;
            if (rows > 0) {
                synchronized (this) {
                    changed.add(row);
                }
            }
            return true;
        }
        catch (SQLException e) {
            if (e.getSQLState() != null && e.getSQLState().startsWith("08")) {
                throw e;
            }
            refused.incrementAndGet();
            synchronized (this) {
                if (firstErrors.size() < 5) {
                    firstErrors.add(e.getMessage() + " [" + sql + "]");
                }
            }
            return false;
        }
    }

    private String qualified() {
        return "`" + schema + "`.`" + table + "`";
    }

    @Override
    public void close() {
        stopping.set(true);
        for (Connection c : sessions) {
            try {
                c.close();
            }
            catch (SQLException ignored) {
                // closing after the phase
            }
        }
    }
}
