package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.twoway.core.Sql;

/**
 * Connection B of a swap: {@code RENAME TABLE t TO parking, incoming TO t} on its own thread,
 * where it waits for A's lock. It fails while the sentry exists, so only A's drop-and-unlock
 * lets it through.
 */
public final class RenameSwap implements AutoCloseable {
    static final String WAITING_STATE = "Waiting for table metadata lock";

    private final Connection b;
    private final String renameSql;
    private long connectionId;
    private CompletableFuture<Void> running;

    public RenameSwap(Connection b, SwapPlan plan) {
        this.b = b;
        this.renameSql = renameSql(plan);
    }

    static String renameSql(SwapPlan plan) {
        return "RENAME TABLE " + Sql.qualified(plan.schema(), plan.table()) + " TO "
                + Sql.qualified(plan.schema(), plan.parking()) + ", " + Sql.qualified(plan.schema(), plan.incoming())
                + " TO " + Sql.qualified(plan.schema(), plan.table());
    }

    public void start(long lockWaitSeconds) throws SQLException {
        try (Statement s = b.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + lockWaitSeconds);
            try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                connectionId = rs.getLong(1);
            }
        }
        running = new CompletableFuture<>();
        Thread thread = new Thread(this::rename, "twoway-cutover-rename-" + connectionId);
        thread.setDaemon(true);
        thread.start();
    }

    private void rename() {
        try (Statement s = b.createStatement()) {
            s.execute(renameSql);
            running.complete(null);
        }
        catch (Throwable e) {
            running.completeExceptionally(e);
        }
    }

    /** Whether B is queued on the metadata lock (seen from another connection). */
    public boolean isWaiting(Connection observer) throws SQLException {
        if (running == null || running.isDone()) {
            return false;
        }
        try (PreparedStatement s = observer.prepareStatement(
                "SELECT STATE, INFO FROM information_schema.PROCESSLIST WHERE ID = ?")) {
            s.setLong(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && WAITING_STATE.equalsIgnoreCase(rs.getString(1)) && rs.getString(2) != null
                        && rs.getString(2).toUpperCase(Locale.ROOT).startsWith("RENAME TABLE");
            }
        }
    }

    /** Stops a rename that is still waiting. */
    public void cancel(Connection observer) throws SQLException {
        if (running == null || running.isDone()) {
            return;
        }
        try (Statement s = observer.createStatement()) {
            s.execute("KILL QUERY " + connectionId);
        }
    }

    /** Waits for the rename to end; null when it succeeded, else why it failed or that it still runs. */
    public String await(long timeoutMs) {
        if (running == null) {
            return "the RENAME never started";
        }
        try {
            running.get(timeoutMs, TimeUnit.MILLISECONDS);
            return null;
        }
        catch (ExecutionException e) {
            return e.getCause().getMessage();
        }
        catch (TimeoutException e) {
            return "the RENAME is still running after " + timeoutMs + " ms";
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while waiting for the RENAME";
        }
    }

    @Override
    public void close() {
        try {
            b.close();
        }
        catch (SQLException ignored) {
            // B holds nothing once its statement ended
        }
    }
}
