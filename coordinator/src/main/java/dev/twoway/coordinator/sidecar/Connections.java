package dev.twoway.coordinator.sidecar;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import dev.twoway.core.jdbc.ConnectionSettings;

/**
 * The reconciler's auto-commit connection, reopened after a failure, and fresh connections
 * for the steps that need their own session (copy transactions, the checksum's snapshots, the
 * cut-over's A and B).
 *
 * <p>A step's connections are opened ahead of it: each {@link #open} hands out a spare opened in
 * the background, if one is ready, and has another opened for the next. A connection's TLS
 * handshake costs 8 to 14 ms of the JVM's CPU here, and a migration opens about ten one after
 * another on its way to {@code complete} (copier, workers, snapshots, lock holders): on a small
 * table that was a tenth of its time. A spare is a connection nobody has used, so no session
 * state can leak from one step to the next, as it could from a pool that takes connections
 * back. It is checked before it is handed out, and closed unused after {@link #SPARE_AGE}, so an
 * idle migration keeps no connection it does not need.
 */
public final class Connections implements AutoCloseable {
    /** Opens a connection; the settings' {@code connect} outside tests. */
    public interface Opener {
        Connection open() throws SQLException;
    }

    static final int SPARES = 2;
    static final Duration SPARE_AGE = Duration.ofSeconds(10);

    private final Opener opener;
    private final LongSupplier clock;
    private final Duration spareAge;
    private final Deque<Spare> spares = new ArrayDeque<>();
    private ScheduledExecutorService background;
    private int opening;
    private boolean closed;
    private Connection main;

    private record Spare(Connection connection, long openedAt) {
    }

    public Connections(ConnectionSettings settings) {
        this(settings::connect, System::nanoTime, SPARE_AGE);
    }

    Connections(Opener opener, LongSupplier nanoClock, Duration spareAge) {
        this.opener = opener;
        this.clock = nanoClock;
        this.spareAge = spareAge;
    }

    public Connection main() throws SQLException {
        if (main == null || main.isClosed()) {
            main = opener.open();
        }
        return main;
    }

    /** A new connection the caller closes: a spare if one is ready, else opened now. */
    public Connection open() throws SQLException {
        Connection spare = takeSpare();
        prepareSpares();
        return spare != null ? spare : opener.open();
    }

    /** Has the spares opened now, in the background, for steps about to begin (a swap's, after its catch-up). */
    public void openAhead() {
        prepareSpares();
    }

    /**
     * For the swap's connections, the last a migration opens on its way: a spare if one is ready,
     * else opened now, and none opened in its place. No step follows that would take it, and a
     * TLS handshake in the background would take the JVM's CPU while the swap holds the tables'
     * lock and waits for the sink to reach its marker.
     */
    public Connection openLast() throws SQLException {
        Connection spare = takeSpare();
        return spare != null ? spare : opener.open();
    }

    /** Drops the main connection after an error; the next {@link #main()} opens a new one. */
    public void reset() {
        closeQuietly(main);
        main = null;
    }

    @Override
    public void close() {
        reset();
        ScheduledExecutorService stopping;
        synchronized (this) {
            closed = true;
            spares.forEach(s -> closeQuietly(s.connection()));
            spares.clear();
            stopping = background;
            background = null;
        }
        if (stopping != null) {
            stopping.shutdownNow();
        }
    }

    /** The spares open now (for tests). */
    synchronized int spares() {
        return spares.size();
    }

    /** The spares open now or being opened (for tests). */
    synchronized int sparesAndOpening() {
        return spares.size() + opening;
    }

    private Connection takeSpare() {
        while (true) {
            Spare spare;
            synchronized (this) {
                spare = spares.pollFirst();
            }
            if (spare == null) {
                return null;
            }
            if (fresh(spare) && valid(spare.connection())) {
                return spare.connection();
            }
            closeQuietly(spare.connection());
        }
    }

    private boolean fresh(Spare spare) {
        return clock.getAsLong() - spare.openedAt() < spareAge.toNanos();
    }

    private static boolean valid(Connection c) {
        try {
            return c.isValid(1);
        }
        catch (SQLException e) {
            return false;
        }
    }

    private synchronized void prepareSpares() {
        if (closed) {
            return;
        }
        if (background == null) {
            ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "twoway-connections");
                t.setDaemon(true);
                return t;
            });
            executor.setRemoveOnCancelPolicy(true);
            background = executor;
        }
        while (spares.size() + opening < SPARES) {
            opening++;
            background.execute(this::openSpare);
        }
    }

    private void openSpare() {
        Connection c;
        try {
            c = opener.open();
        }
        catch (SQLException | RuntimeException e) {
            synchronized (this) {
                opening--;
            }
            return; // the step that needs one opens it itself, and reports what fails
        }
        synchronized (this) {
            opening--;
            if (closed) {
                closeQuietly(c);
                return;
            }
            Spare spare = new Spare(c, clock.getAsLong());
            spares.addLast(spare);
            background.schedule(() -> expire(spare), spareAge.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private void expire(Spare spare) {
        boolean removed;
        synchronized (this) {
            removed = spares.remove(spare);
        }
        if (removed) {
            closeQuietly(spare.connection());
        }
    }

    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (Exception ignored) {
            // closing after an error; the first error is the one reported
        }
    }
}
