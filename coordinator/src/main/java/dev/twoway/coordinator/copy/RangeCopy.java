package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.throttle.CopyThrottle;

/**
 * The copy of a table as key ranges ({@link CopyRange}: {@code copy_ranges} for a key of one
 * signed integer column, {@code copy_key_ranges} for any other) copied side by side by up to
 * {@code threads} workers, each on its own
 * connection, chunk after chunk, each chunk in one transaction with its range's progress. One
 * {@code INSERT … SELECT} uses one core of the server; two ranges side by side copied a million
 * rows in 60% of the time of one on a fresh two-core server, 94% with its buffer pool full
 * (docs/ARCHITECTURE.md, step 3). Integer ranges start as one, sampled ranges as several per
 * worker; a worker without a range takes one nobody copies, or else the upper half of the
 * integer range with the most keys left (above the chunk being copied there), so no worker
 * idles while another has two chunks or more left. Workers never wait for each other between chunks: waiting for the
 * slowest chunk of each round left a core idle a fifth of the time. Ranges are disjoint, so the
 * order argument of the copy (share locks: a change of a row being copied commits, and
 * streams, after the copy of it) holds in each of them.
 */
final class RangeCopy implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RangeCopy.class);

    /** Where the copy stands: rows copied in all, every key up to {@code frontier} copied, and whether all is. */
    record Progress(long copied, List<Object> frontier, boolean done) {
    }

    private final Connections connections;
    private final String migrationId;
    private final int threads;
    private final Object lock = new Object();
    private final List<CopyRange> ranges;
    private final CopyRange[] owned;
    private final Connection[] slots;
    private final CopyThrottle throttle;
    private final List<Thread> workers = new ArrayList<>();
    private int running;
    private boolean stopping;
    private Throwable failure;

    /** {@code ranges} in key order. */
    RangeCopy(Connections connections, String migrationId, int threads, List<CopyRange> ranges, CopyThrottle throttle) {
        this.connections = connections;
        this.throttle = throttle;
        this.migrationId = migrationId;
        this.threads = threads;
        this.ranges = new ArrayList<>(ranges);
        this.slots = new Connection[threads];
        this.owned = new CopyRange[threads];
    }

    /**
     * Starts the workers when none runs, then waits up to {@code waitMs} for them to finish;
     * returns where the copy stands, or throws what stopped a worker (after stopping the others).
     */
    Progress await(long waitMs) throws SQLException, InterruptedException {
        synchronized (lock) {
            if (workers.isEmpty() && failure == null && ranges.stream().anyMatch(r -> !r.done())) {
                start();
            }
            long deadline = System.nanoTime() + waitMs * 1_000_000L;
            long left;
            while (running > 0 && failure == null && (left = deadline - System.nanoTime()) > 0) {
                lock.wait(Math.max(1, left / 1_000_000L));
            }
        }
        if (failedWith() != null) {
            stop();
            throw rethrow(failedWith());
        }
        synchronized (lock) {
            boolean done = running == 0 && ranges.stream().allMatch(CopyRange::done);
            return new Progress(ranges.stream().mapToLong(CopyRange::rows).sum(), frontier(ranges), done);
        }
    }

    /**
     * The largest key such that every key up to it is copied (ranges in key order, contiguous);
     * null when nothing from the start of the table is.
     */
    static List<Object> frontier(List<? extends CopyRange> ranges) {
        List<Object> frontier = ranges.get(0).after();
        for (CopyRange range : ranges) {
            if (!range.done()) {
                return range.last() != null ? range.last() : frontier;
            }
            frontier = range.end();
        }
        return frontier;
    }

    private void start() {
        running = threads;
        for (int slot = 0; slot < threads; slot++) {
            int number = slot;
            Thread worker = new Thread(() -> work(number), "twoway-copy-" + migrationId + "-" + (slot + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
    }

    /**
     * A worker: chunks of its range until none is left to take, the copy is stopped or it fails;
     * held by the throttle before each chunk, its last one committed (no lock, no transaction).
     */
    private void work(int slot) {
        try {
            CopyRange.Chunk chunk;
            while (throttle.pass(this::stopping) && (chunk = take(slot)) != null) {
                copyChunk(slot, chunk);
            }
        }
        catch (Throwable e) {
            LOG.debug("migration {}: copy worker {} stopped by {}", migrationId, slot + 1, e.toString());
            synchronized (lock) {
                failure = failure == null ? e : failure;
                stopping = true;
            }
        }
        finally {
            LOG.debug("migration {}: copy worker {} ends", migrationId, slot + 1);
            synchronized (lock) {
                running--;
                lock.notifyAll();
            }
        }
    }

    /**
     * The range the worker copies next, its next chunk claimed: the one it has, else one nobody
     * has, else the upper half of the one with the most keys left (recorded before it is used);
     * null when the copy stops or nothing is left to take.
     */
    private CopyRange.Chunk take(int slot) throws SQLException {
        synchronized (lock) {
            if (stopping) {
                return null;
            }
            CopyRange mine = owned[slot];
            if (mine == null || mine.done()) {
                List<CopyRange> taken = Arrays.asList(owned);
                mine = ranges.stream().filter(r -> !r.done() && !taken.contains(r)).findFirst().orElse(null);
                if (mine == null) {
                    mine = split(slot).orElse(null);
                }
                owned[slot] = mine;
            }
            return mine == null ? null : mine.claim();
        }
    }

    /** Splits the range with the most keys left on the worker's connection; holds the lock. */
    private Optional<CopyRange> split(int slot) throws SQLException {
        CopyRange largest = ranges.stream().filter(r -> !r.done() && r.keysLeft() > 0)
                .max(Comparator.comparingLong(CopyRange::keysLeft)).orElse(null);
        if (largest == null) {
            return Optional.empty();
        }
        int number = ranges.stream().mapToInt(CopyRange::number).max().orElse(-1) + 1;
        Connection c = slot(slot);
        Optional<CopyRange> upper;
        try {
            upper = largest.split(c, number);
            c.commit();
        }
        catch (SQLException | RuntimeException e) {
            rollback(slot, c);
            throw e;
        }
        upper.ifPresent(u -> {
            ranges.add(ranges.indexOf(largest) + 1, u);
            LOG.debug("migration {}: range {} gives keys {} to range {}", migrationId, largest.number(), u, u.number());
        });
        return upper;
    }

    /** Copies a claimed chunk on connection {@code slot}, with its range's progress in one transaction. */
    private void copyChunk(int slot, CopyRange.Chunk chunk) throws SQLException {
        Connection c = slot(slot);
        long started = System.nanoTime();
        try {
            long inserted = chunk.copy(c);
            c.commit();
            synchronized (lock) {
                chunk.copied(inserted, System.nanoTime() - started);
            }
        }
        catch (SQLException | RuntimeException e) {
            rollback(slot, c);
            throw e;
        }
    }

    private void rollback(int slot, Connection c) {
        try {
            c.rollback();
        }
        catch (SQLException rollback) {
            Connections.closeQuietly(c);
            slots[slot] = null;
        }
    }

    private Connection slot(int slot) throws SQLException {
        if (slots[slot] == null || slots[slot].isClosed()) {
            slots[slot] = RowCopier.open(connections);
        }
        return slots[slot];
    }

    private boolean stopping() {
        synchronized (lock) {
            return stopping;
        }
    }

    private Throwable failedWith() {
        synchronized (lock) {
            return failure;
        }
    }

    private static SQLException rethrow(Throwable failure) {
        if (failure instanceof SQLException e) {
            return e;
        }
        if (failure instanceof RuntimeException e) {
            throw e;
        }
        if (failure instanceof Error e) {
            throw e;
        }
        return new SQLException("copy worker failed: " + failure, failure);
    }

    /** Lets every worker finish the chunk it copies, then stops them; waits for them. */
    void stop() {
        synchronized (lock) {
            stopping = true;
        }
        boolean interrupted = false;
        for (Thread worker : workers) {
            while (worker.isAlive()) {
                try {
                    worker.join();
                }
                catch (InterruptedException e) {
                    interrupted = true; // a chunk in flight owns its connection: it is waited for
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
        for (int i = 0; i < slots.length; i++) {
            Connections.closeQuietly(slots[i]);
            slots[i] = null;
        }
    }
}
