package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.sidecar.Connections;

/**
 * Lets go of a group's lock without letting a writer in before the RENAME. MySQL's RENAME takes
 * its metadata locks one at a time, in the order of their names. When A unlocks, the RENAME gets
 * the table it is queued on at once (a queued RENAME goes before the writers queued there), but
 * on every other table a queued writer gets the lock before the RENAME even asks for it, and
 * writes into a table about to be parked after the freeze point: a lost write (seen with two
 * tables). So every other live table has a holder queued behind A ({@link TableHolder}), and each
 * holder lets go of its table, sentry first, when the RENAME is seen queued on it
 * ({@code performance_schema.metadata_locks}). The last sentry dropped is the point of no return:
 * until then any sentry left makes the RENAME fail whole.
 */
final class LockHandover implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(LockHandover.class);
    private static final long POLL_MS = 2;

    private final List<TableHolder> holders = new ArrayList<>();
    private final List<TableHolder> left = new ArrayList<>();

    /**
     * Connects a holder for every live member before the lock is taken (which of them the RENAME
     * waits for first, and so needs none, is known only then).
     */
    LockHandover(Connections connections, List<SwapPlan.Member> live, long lockWaitSeconds) throws SQLException {
        try {
            for (SwapPlan.Member member : live) {
                TableHolder holder = new TableHolder(connections.openLast(), member);
                holders.add(holder);
                holder.prepare(lockWaitSeconds);
            }
        }
        catch (SQLException | RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Queues the holders of every live member but {@code first} behind A's lock; true once each shows as waiting by the deadline. */
    boolean queue(SwapPlan.Member first, Connection observer, long deadlineNanos)
            throws SQLException, InterruptedException {
        for (TableHolder holder : holders) {
            if (holder.member() != first) {
                left.add(holder);
                holder.request();
            }
        }
        for (TableHolder holder : left) {
            while (!holder.isWaiting(observer)) {
                if (System.nanoTime() >= deadlineNanos) {
                    return false;
                }
                Thread.sleep(POLL_MS);
            }
        }
        return true;
    }

    /**
     * After A's unlock: hands each table to the RENAME as it queues on it. True once every holder
     * has let go (every sentry is gone); false when the RENAME ended first or the deadline passed,
     * with the remaining holders still holding (the swap is then aborted).
     */
    boolean handOver(RenameSwap rename, Connection observer, long deadlineNanos)
            throws SQLException, InterruptedException {
        while (!left.isEmpty()) {
            if (rename.ended()) {
                return false;
            }
            Optional<String[]> pending = rename.pendingOn(observer);
            TableHolder holder = pending.map(this::holding).orElse(null);
            if (holder != null) {
                long remainingMs = Math.max(1, (deadlineNanos - System.nanoTime()) / 1_000_000L);
                if (!holder.awaitGranted(remainingMs)) {
                    return false;
                }
                holder.release();
                left.remove(holder);
                continue;
            }
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
        return true;
    }

    private TableHolder holding(String[] table) {
        for (TableHolder holder : left) {
            SwapPlan.Member m = holder.member();
            if (m.schema().equalsIgnoreCase(table[0])
                    && (m.table().equalsIgnoreCase(table[1]) || m.parking().equalsIgnoreCase(table[1]))) {
                return holder;
            }
        }
        return null;
    }

    /** Abort: every holder not yet handed over stops waiting or lets go; its sentry stays (the caller drops it). */
    void abandon(Connection observer) {
        for (TableHolder holder : left) {
            try {
                holder.abandon(observer);
            }
            catch (SQLException e) {
                LOG.warn("releasing the hold on {}.{} failed ({}); its connection is closed", holder.member().schema(),
                        holder.member().table(), e.getMessage());
                holder.close();
            }
        }
        left.clear();
    }

    @Override
    public void close() {
        holders.forEach(TableHolder::close);
    }
}
