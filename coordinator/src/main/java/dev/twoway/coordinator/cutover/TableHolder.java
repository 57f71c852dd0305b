package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.twoway.core.Sql;

/**
 * Holds one member's table and sentry for the RENAME once connection A lets go
 * ({@link LockHandover}): a {@code LOCK TABLES t WRITE, sentry WRITE} queued behind A's lock, on a
 * connection and thread of its own. MySQL serves a queued table lock before the writers queued
 * beside it, so the writers stay blocked from A's release until this holder hands the table to
 * the RENAME.
 */
final class TableHolder implements AutoCloseable {
    private final Connection h;
    private final SwapPlan.Member member;
    private final ExecutorService thread;
    private long connectionId;
    private CompletableFuture<Void> locked;

    TableHolder(Connection h, SwapPlan.Member member) {
        this.h = h;
        this.member = member;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "twoway-cutover-hold-" + member.table());
            t.setDaemon(true);
            return t;
        });
    }

    SwapPlan.Member member() {
        return member;
    }

    /** Readies the session before the lock is taken (connecting under the lock would stall the writers). */
    void prepare(long lockWaitSeconds) throws SQLException {
        try (Statement s = h.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + lockWaitSeconds);
            try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                connectionId = rs.getLong(1);
            }
        }
    }

    /** Queues the lock request; it waits behind A's lock. */
    void request() {
        String sql = "LOCK TABLES " + Sql.qualified(member.schema(), member.table()) + " WRITE, "
                + Sql.qualified(member.schema(), member.parking()) + " WRITE";
        locked = CompletableFuture.runAsync(() -> execute(sql), thread);
    }

    /** Whether the request waits on a metadata lock (seen from another connection). */
    boolean isWaiting(Connection observer) throws SQLException {
        if (locked == null || locked.isDone()) {
            return false;
        }
        try (PreparedStatement s = observer.prepareStatement(
                RenameSwap.PROCESS_STATE)) {
            s.setLong(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && RenameSwap.WAITING_STATE.equalsIgnoreCase(rs.getString(1))
                        && rs.getString(2) != null && rs.getString(2).toUpperCase(Locale.ROOT).startsWith("LOCK TABLES");
            }
        }
    }

    /** Waits (bounded) for the lock; true once it is held. */
    boolean awaitGranted(long timeoutMs) throws SQLException {
        try {
            locked.get(timeoutMs, TimeUnit.MILLISECONDS);
            return true;
        }
        catch (TimeoutException e) {
            return false;
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException sql ? sql : new SQLException(e.getCause());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Hands the table to the RENAME waiting for it: the sentry goes, then the lock. */
    void release() throws SQLException {
        run("DROP TABLE " + Sql.qualified(member.schema(), member.parking()));
        run("UNLOCK TABLES");
    }

    /** Abort: stops a request still queued, releases a lock held (the sentry stays). */
    void abandon(Connection observer) throws SQLException {
        if (locked != null && !locked.isDone()) {
            try (Statement s = observer.createStatement()) {
                s.execute("KILL QUERY " + connectionId);
            }
            try {
                locked.get(5, TimeUnit.SECONDS);
            }
            catch (ExecutionException | TimeoutException e) {
                // killed, or it ends with its connection
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        run("UNLOCK TABLES");
    }

    private void run(String sql) throws SQLException {
        try {
            CompletableFuture.runAsync(() -> execute(sql), thread).get(30, TimeUnit.SECONDS);
        }
        catch (ExecutionException e) {
            throw e.getCause() instanceof SQLException ? (SQLException) e.getCause() : new SQLException(e.getCause());
        }
        catch (TimeoutException e) {
            throw new SQLException(sql + " did not end within 30 s");
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SQLException("interrupted: " + sql);
        }
    }

    private void execute(String sql) {
        try (Statement s = h.createStatement()) {
            s.execute(sql);
        }
        catch (SQLException e) {
            throw new java.util.concurrent.CompletionException(e);
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
        try {
            h.close();
        }
        catch (SQLException ignored) {
            // closing releases what it holds
        }
    }
}
