package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.twoway.core.Sql;

/**
 * Connection B of a swap: the group's one {@code RENAME TABLE t TO parking, incoming TO t, u TO …}
 * on its own thread, where it waits for the lock. It fails while any sentry exists, so only the
 * release of every sentry lets it through. MySQL takes a RENAME's metadata locks one at a time in
 * the order of their names; {@link #pendingOn} tells which one it waits for.
 */
public final class RenameSwap implements AutoCloseable {
    static final String WAITING_STATE = "Waiting for table metadata lock";
    /**
     * A connection's state and statement. From {@code performance_schema.processlist}, which every
     * user reads for its own connections: {@code information_schema.PROCESSLIST} fails whole while
     * any session runs a statement with a character outside the BMP (seen: a cut-over failed under
     * the lock because another client's query held an emoji).
     */
    static final String PROCESS_STATE = "SELECT STATE, INFO FROM performance_schema.processlist WHERE ID = ?";

    private final Connection b;
    private final String renameSql;
    private long connectionId;
    private long threadId;
    private CompletableFuture<Void> running;

    public RenameSwap(Connection b, SwapPlan plan) {
        this.b = b;
        this.renameSql = renameSql(plan);
    }

    static String renameSql(SwapPlan plan) {
        List<String> pairs = new ArrayList<>();
        for (SwapPlan.Member m : plan.members()) {
            if (m.parking() != null) {
                pairs.add(Sql.qualified(m.schema(), m.table()) + " TO " + Sql.qualified(m.schema(), m.parking()));
            }
            if (m.incoming() != null) {
                pairs.add(Sql.qualified(m.schema(), m.incoming()) + " TO " + Sql.qualified(m.schema(), m.table()));
            }
        }
        return "RENAME TABLE " + String.join(", ", pairs);
    }

    /** Readies B's session before the lock is taken: under the lock every millisecond stalls the writers. */
    public void prepare(long lockWaitSeconds) throws SQLException {
        try (Statement s = b.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + lockWaitSeconds);
            try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID(), PS_CURRENT_THREAD_ID()")) {
                rs.next();
                connectionId = rs.getLong(1);
                threadId = rs.getLong(2);
            }
        }
    }

    /** The RENAME, on its own thread; {@link #prepare} first. */
    public void start() {
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

    /** Whether B is queued on a metadata lock (seen from another connection). */
    public boolean isWaiting(Connection observer) throws SQLException {
        if (running == null || running.isDone()) {
            return false;
        }
        try (PreparedStatement s = observer.prepareStatement(
                PROCESS_STATE)) {
            s.setLong(1, connectionId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && WAITING_STATE.equalsIgnoreCase(rs.getString(1)) && rs.getString(2) != null
                        && rs.getString(2).toUpperCase(Locale.ROOT).startsWith("RENAME TABLE");
            }
        }
    }

    /**
     * The table whose metadata lock B waits for ({schema, name}), from
     * {@code performance_schema.metadata_locks} (SELECT on it is one of a deploy request's grants).
     */
    public Optional<String[]> pendingOn(Connection observer) throws SQLException {
        if (running == null || running.isDone()) {
            return Optional.empty();
        }
        try (PreparedStatement s = observer.prepareStatement("SELECT OBJECT_SCHEMA, OBJECT_NAME FROM "
                + "performance_schema.metadata_locks WHERE OWNER_THREAD_ID = ? AND LOCK_STATUS = 'PENDING' "
                + "AND OBJECT_TYPE = 'TABLE'")) {
            s.setLong(1, threadId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2)}) : Optional.empty();
            }
        }
    }

    /** Whether the RENAME has ended (swapped or failed). */
    public boolean ended() {
        return running != null && running.isDone();
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
