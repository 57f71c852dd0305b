package dev.twoway.it.support;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Watches a migrated table's names while a test runs: every 20 ms it reads which of the live
 * name, the shadow's and the old table's exist (one read of the data dictionary, which MySQL
 * changes atomically with a RENAME). A table is half renamed when its live name is missing, or
 * when, once the shadow exists, only one of the three names does: a swap moved one table and
 * not the other.
 */
public final class RenameWatch implements AutoCloseable {
    private final TestMySql mysql;
    private final String schema;
    private final String table;
    private final String shadow;
    private final String old;
    private final List<String> violations = new ArrayList<>();
    private final AtomicLong polls = new AtomicLong();
    private volatile boolean running = true;
    private volatile Throwable failure;
    private final Thread thread;

    private RenameWatch(TestMySql mysql, String schema, String table, String shadow, String old) {
        this.mysql = mysql;
        this.schema = schema;
        this.table = table;
        this.shadow = shadow;
        this.old = old;
        this.thread = new Thread(this::run, "rename-watch-" + table);
    }

    /** Starts watching {@code table}, whose shadow and old table are named in its state row. */
    public static RenameWatch start(TestMySql mysql, String schema, String table, String shadow, String old) {
        RenameWatch watch = new RenameWatch(mysql, schema, table, shadow, old);
        watch.thread.start();
        return watch;
    }

    private void run() {
        boolean shadowSeen = false;
        try (Connection c = mysql.connect(); PreparedStatement s = c.prepareStatement("SELECT TABLE_NAME FROM "
                + "information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME IN (?, ?, ?)")) {
            s.setString(1, schema);
            s.setString(2, table);
            s.setString(3, shadow);
            s.setString(4, old);
            while (running) {
                Set<String> present = new HashSet<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        present.add(rs.getString(1));
                    }
                }
                polls.incrementAndGet();
                shadowSeen |= present.contains(shadow) || present.contains(old);
                if (!present.contains(table) || (shadowSeen && present.size() < 2)) {
                    record(System.currentTimeMillis() + ": only " + present);
                }
                Thread.sleep(20);
            }
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        catch (SQLException | RuntimeException e) {
            failure = e;
        }
    }

    private synchronized void record(String violation) {
        violations.add(violation);
    }

    /** Stops watching; fails when the table was ever seen half renamed, or the watch itself failed. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.join(10_000);
        if (failure != null) {
            throw new AssertionError("the rename watch failed", failure);
        }
        synchronized (this) {
            if (!violations.isEmpty()) {
                throw new AssertionError(table + " was half renamed at " + violations.size() + " of " + polls.get()
                        + " polls, e.g. " + violations.subList(0, Math.min(5, violations.size())));
            }
        }
        if (polls.get() < 10) {
            throw new AssertionError("the rename watch polled only " + polls.get() + " times");
        }
    }

    public long polls() {
        return polls.get();
    }
}
