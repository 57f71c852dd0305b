package dev.twoway.coordinator.checksum;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.cutover.LockHolders;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.core.Sql;
import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;

/**
 * Two consistent snapshots at one stream position, as Vitess's VDiff takes them: the live tables
 * are locked just long enough to open a snapshot of them and insert a {@code checksum} marker
 * of each (no change of a live table lies between the snapshot and its marker); then, unlocked,
 * the sink applies the stream up to the markers and holds there (the marker is pending), a
 * snapshot of the tables it writes is opened, and the markers are settled, which lets the sink go
 * on. Both snapshots then show every table at the same point of its journal, for as long as the
 * comparison takes, with no lock held. Writes markers; reads tables.
 */
public final class ChecksumSnapshot implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ChecksumSnapshot.class);

    /** One member: its live table and the table the sink writes, in one database. */
    public record Pair(String migrationId, String schema, String live, String written) {
    }

    private final Connections connections;
    private final Sidecar sidecar;
    private Connection live;
    private Connection written;
    private List<Long> markers = List.of();
    private long lockedMs;

    public ChecksumSnapshot(Connections connections, Sidecar sidecar) {
        this.connections = connections;
        this.sidecar = sidecar;
    }

    /**
     * Opens both snapshots; the reason when they cannot be had now (the lock not granted within
     * {@code lockWaitSeconds}, the sink not at the markers within {@code catchupMs}), which is
     * worth trying again later.
     */
    public Optional<String> open(List<Pair> pairs, long lockWaitSeconds, long catchupMs) throws SQLException {
        live = snapshotConnection();
        written = snapshotConnection();
        Optional<String> locked = lockedSnapshot(pairs, lockWaitSeconds);
        if (locked.isPresent()) {
            return locked;
        }
        long deadline = System.nanoTime() + catchupMs * 1_000_000L;
        for (long id : markers) {
            if (sidecar.awaitReached(id, deadline).isEmpty()) {
                sidecar.settle(markers, MarkerOutcome.ABORTED);
                return Optional.of("the sink did not reach checksum marker " + id + " within " + catchupMs + " ms");
            }
        }
        execute(written, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
        sidecar.settle(markers, MarkerOutcome.DONE);
        LOG.info("checksum snapshots of {} opened at markers {} (the tables locked for {} ms)",
                pairs.stream().map(p -> p.schema() + "." + p.live()).toList(), markers, lockedMs);
        return Optional.empty();
    }

    /**
     * Under a brief lock of the live tables: their snapshot and the markers of its position. A read
     * lock first: only writes need holding off, and a transaction that has only read the table
     * (idle in it, say) does not keep it out. MySQL grants new writes before a waiting {@code LOCK
     * TABLES … READ}, though, so an application whose transactions overlap (one always open on the
     * table) keeps a read lock out until it times out; a write lock is asked for then, which goes
     * before new writes, as the cut-over's does, and is granted once the open transactions end
     * (held for a snapshot's start and an insert, it holds readers off only for those milliseconds).
     */
    private Optional<String> lockedSnapshot(List<Pair> pairs, long lockWaitSeconds) throws SQLException {
        List<Sidecar.MarkerSpec> specs = new ArrayList<>();
        for (Pair p : pairs) {
            specs.add(new Sidecar.MarkerSpec(p.migrationId(), MarkerKind.CHECKSUM, p.schema(), p.live()));
        }
        try (Connection lock = connections.open()) {
            execute(lock, "SET SESSION lock_wait_timeout = " + lockWaitSeconds);
            long start = System.nanoTime();
            try {
                execute(lock, lockTables(pairs, "READ"));
            }
            catch (SQLException read) {
                LOG.info("checksum: the read lock on {} was not granted ({}); asking for a write lock",
                        pairs.stream().map(p -> p.schema() + "." + p.live()).toList(), read.getMessage());
                start = System.nanoTime();
                try {
                    execute(lock, lockTables(pairs, "WRITE"));
                }
                catch (SQLException e) {
                    return Optional.of("the lock for the snapshot was not granted (read: " + read.getMessage()
                            + "; write: " + e.getMessage() + "); " + holders(pairs));
                }
            }
            try {
                execute(live, "START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
                markers = sidecar.insertMarkers(specs);
            }
            finally {
                execute(lock, "UNLOCK TABLES");
                lockedMs = (System.nanoTime() - start) / 1_000_000L;
            }
        }
        return Optional.empty();
    }

    private static String lockTables(List<Pair> pairs, String mode) {
        return "LOCK TABLES " + String.join(", ", pairs.stream().map(p -> Sql.qualified(p.schema(), p.live()) + " "
                + mode).toList());
    }

    /** The sessions holding the live tables, by database. */
    private String holders(List<Pair> pairs) throws SQLException {
        Map<String, List<String>> bySchema = new LinkedHashMap<>();
        pairs.forEach(p -> bySchema.computeIfAbsent(p.schema(), k -> new ArrayList<>()).add(p.live()));
        List<String> held = new ArrayList<>();
        for (Map.Entry<String, List<String>> e : bySchema.entrySet()) {
            held.add(LockHolders.describe(connections.main(), e.getKey(), e.getValue()));
        }
        return "the table is " + String.join("; ", held);
    }

    /** Repeatable read; the zone is chosen per table ({@link #zone}). */
    private Connection snapshotConnection() throws SQLException {
        Connection c = connections.open();
        execute(c, "SET SESSION TRANSACTION ISOLATION LEVEL REPEATABLE READ");
        return c;
    }

    /**
     * Both sides in the zone the table's rows were copied and converted in, before comparing it:
     * the server's zone for a migration whose values depend on it (a TIMESTAMP in a daylight-saving
     * overlap, two instants of one local time, is carried there as the first of the two, as MySQL's
     * own table-copying ALTER carries it, so both sides read as the same text), else UTC, where
     * each TIMESTAMP compares as its instant. A session's zone does not touch its snapshot.
     */
    public void zone(boolean server) throws SQLException {
        SessionZone.set(live, server);
        SessionZone.set(written, server);
    }

    public Connection live() {
        return live;
    }

    public Connection written() {
        return written;
    }

    /** The checksum markers, in the order of the pairs. */
    public List<Long> markers() {
        return markers;
    }

    private static void execute(Connection c, String sql) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    /** Ends both snapshots; a marker left pending (a failure on the way) is aborted, so the sink goes on. */
    @Override
    public void close() {
        if (!markers.isEmpty()) {
            try {
                sidecar.settle(markers, MarkerOutcome.ABORTED); // settles only those still pending
            }
            catch (SQLException e) {
                LOG.warn("checksum markers {} could not be released ({}); the next tick settles them", markers,
                        e.getMessage());
            }
        }
        Connections.closeQuietly(live);
        Connections.closeQuietly(written);
    }
}
