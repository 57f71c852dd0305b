package dev.twoway.coordinator.checksum;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.twoway.coordinator.copy.ChunkSql;
import dev.twoway.coordinator.copy.KeyValues;

/**
 * Compares two tables chunk by chunk in key order, each read in its own consistent snapshot (see
 * {@link ChecksumSnapshot}): a chunk's end is found in the live table, both sides' digests of the
 * key range are read side by side (one connection each, on two server cores), and a chunk whose
 * digests differ is read row by row to name its differing keys. The last chunk is open above, so
 * rows only the written table holds are counted too. Reads only.
 */
public final class TableChecksum implements AutoCloseable {
    /** Rows per chunk: a few tens of milliseconds of reading, and a chunk small enough to read row by row. */
    static final int CHUNK_ROWS = 10_000;
    /** Differing keys named at most. */
    static final int NAMED = 10;

    private final ExecutorService other = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "twoway-checksum");
        t.setDaemon(true);
        return t;
    });

    /**
     * @param ranged whether both sides order their keys alike (no key column changes type); if not,
     *               the tables are compared as one chunk and a difference names no key
     */
    public ChecksumResult compare(Connection live, ChecksumSide liveSide, Connection written, ChecksumSide writtenSide,
                                  boolean ranged) throws SQLException {
        long start = System.nanoTime();
        long rows = 0;
        int chunks = 0;
        List<Object> after = null;
        while (true) {
            List<Object> end = ranged ? chunkEnd(live, liveSide, after).orElse(null) : null;
            chunks++;
            ChunkSql.Query mine = liveSide.digest(after, end);
            ChunkSql.Query theirs = writtenSide.digest(after, end);
            long[][] digests = both(() -> digest(live, mine), () -> digest(written, theirs));
            rows += digests[0][0];
            if (digests[0][0] != digests[1][0] || digests[0][1] != digests[1][1]) {
                return differing(live, liveSide, written, writtenSide, ranged, after, end, rows, chunks, digests, start);
            }
            if (end == null) {
                return new ChecksumResult(liveSide.name(), writtenSide.name(), rows, chunks, List.of(), null,
                        millisSince(start));
            }
            after = end;
        }
    }

    private ChecksumResult differing(Connection live, ChecksumSide liveSide, Connection written, ChecksumSide writtenSide,
                                     boolean ranged, List<Object> after, List<Object> end, long rows, int chunks,
                                     long[][] digests, long start) throws SQLException {
        if (!ranged) {
            return new ChecksumResult(liveSide.name(), writtenSide.name(), rows, chunks, List.of(), String.format(
                    "%,d rows against %,d; the statement changes a key column's type, so the tables are compared as "
                            + "one chunk and no key is named", digests[0][0], digests[1][0]), millisSince(start));
        }
        List<String> keys = RowDiff.differing(hashes(live, liveSide, after, end), hashes(written, writtenSide, after, end),
                liveSide.name(), writtenSide.name(), NAMED);
        return new ChecksumResult(liveSide.name(), writtenSide.name(), rows, chunks, keys,
                keys.isEmpty() ? "the chunk's digests differ though its rows' hashes match" : null, millisSince(start));
    }

    private static Optional<List<Object>> chunkEnd(Connection c, ChecksumSide side, List<Object> after)
            throws SQLException {
        ChunkSql.Query q = side.chunkEnd(after, CHUNK_ROWS);
        try (PreparedStatement s = prepare(c, q); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(KeyValues.read(rs, side.key().size())) : Optional.empty();
        }
    }

    private static long[] digest(Connection c, ChunkSql.Query q) throws SQLException {
        try (PreparedStatement s = prepare(c, q); ResultSet rs = s.executeQuery()) {
            rs.next();
            return new long[] {rs.getLong(1), rs.getLong(2)};
        }
    }

    private static Map<String, Long> hashes(Connection c, ChecksumSide side, List<Object> after, List<Object> end)
            throws SQLException {
        Map<String, Long> rows = new LinkedHashMap<>();
        try (PreparedStatement s = prepare(c, side.rows(after, end)); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.put(KeyValues.toJson(KeyValues.read(rs, side.key().size())), rs.getLong(side.key().size() + 1));
            }
        }
        return rows;
    }

    private static PreparedStatement prepare(Connection c, ChunkSql.Query q) throws SQLException {
        PreparedStatement s = c.prepareStatement(q.sql());
        for (int i = 0; i < q.params().size(); i++) {
            s.setObject(i + 1, q.params().get(i));
        }
        return s;
    }

    private interface Read {
        long[] read() throws SQLException;
    }

    /** The two reads side by side: the written side's on the checksum's own thread. */
    private long[][] both(Read mine, Read theirs) throws SQLException {
        CompletableFuture<long[]> other = CompletableFuture.supplyAsync(() -> {
            try {
                return theirs.read();
            }
            catch (SQLException e) {
                throw new CompletionException(e);
            }
        }, this.other);
        long[] first = mine.read();
        try {
            return new long[][] {first, other.join()};
        }
        catch (CompletionException e) {
            if (e.getCause() instanceof SQLException sql) {
                throw sql;
            }
            throw e;
        }
    }

    private static long millisSince(long start) {
        return (System.nanoTime() - start) / 1_000_000L;
    }

    @Override
    public void close() {
        other.shutdownNow();
    }
}
