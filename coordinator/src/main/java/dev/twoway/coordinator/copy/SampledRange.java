package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.state.CopyKeyRangeStore;

/**
 * A range {@code (after, end]} of a key of any shape, its bounds keys of the table found by
 * sampling its index ({@link KeySampler}), copied by the keyset chunk loop: each chunk's end is
 * the key {@code size} rows on within the range, found by MySQL, so keys compare as the index
 * orders them (collations, binary, unsigned, temporal) and never in Java; the range's last
 * chunk ends at its end. While the rows left in the range, as sampled, are at most half as
 * many again as a chunk, the rest is copied as one chunk with no walk to find its end: that walk
 * reads the chunk's rows once more before the copy reads them. Recorded in {@code copy_key_ranges}. Not split: a copy is cut into
 * several ranges per connection up front instead.
 */
final class SampledRange implements CopyRange {
    private final int number;
    private final List<Object> after;
    private final List<Object> end;
    private final ChunkSizer sizer;
    private final CopyJob job;
    /** About how many rows the range held when sampled; 0: unknown (a range resumed after a restart). */
    private final long sampledRows;
    private List<Object> last;
    private boolean done;
    private long rows;

    SampledRange(CopyKeyRangeStore.Range stored, int chunkRows, CopyJob job) {
        this(stored, chunkRows, job, 0);
    }

    SampledRange(CopyKeyRangeStore.Range stored, int chunkRows, CopyJob job, long sampledRows) {
        this.sampledRows = sampledRows;
        this.number = stored.number();
        this.after = KeyValues.fromJson(stored.after());
        this.end = KeyValues.fromJson(stored.end());
        this.last = KeyValues.fromJson(stored.last());
        this.done = stored.done();
        this.rows = stored.rowsCopied();
        this.sizer = new ChunkSizer(chunkRows);
        this.job = job;
    }

    /** The range as recorded before any of it is copied. */
    static CopyKeyRangeStore.Range planned(int number, List<Object> after, List<Object> end) {
        return new CopyKeyRangeStore.Range(number, after == null ? null : KeyValues.toJson(after),
                KeyValues.toJson(end), null, false, 0);
    }

    @Override
    public int number() {
        return number;
    }

    @Override
    public boolean done() {
        return done;
    }

    @Override
    public long rows() {
        return rows;
    }

    @Override
    public List<Object> after() {
        return after;
    }

    @Override
    public List<Object> end() {
        return end;
    }

    @Override
    public List<Object> last() {
        return last;
    }

    @Override
    public Chunk claim() {
        List<Object> from = last != null ? last : after;
        int size = sizer.size();
        boolean rest = sampledRows > 0 && sampledRows - rows <= size + size / 2L;
        return new Chunk() {
            private List<Object> through;
            private boolean finished;

            @Override
            public long copy(Connection c) throws SQLException {
                Optional<List<Object>> chunkEnd = rest ? Optional.empty() : SessionZone.inZone(c, job.serverZone(),
                        () -> key(c, job.chunks().chunkEnd(from, end, size), end.size()));
                finished = chunkEnd.isEmpty();
                through = chunkEnd.orElse(end);
                long inserted = RowCopier.copy(c, job.chunks(), job.serverZone(), from, through, job.catchUp());
                job.keyRanges().advanced(c, job.migrationId(), number, KeyValues.toJson(through), finished, inserted);
                return inserted;
            }

            @Override
            public void copied(long inserted, long nanos) {
                last = through;
                done = finished;
                rows += inserted;
                sizer.observe(inserted, nanos);
            }
        };
    }

    @Override
    public long keysLeft() {
        return 0;
    }

    @Override
    public Optional<CopyRange> split(Connection c, int number) {
        return Optional.empty();
    }

    /** The key the query finds, if any; in the zone the chunk compares it in ({@link CopyJob#serverZone}). */
    static Optional<List<Object>> key(Connection c, ChunkSql.Query query, int columns) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query.sql())) {
            Params.bind(s, query.params());
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(KeyValues.read(rs, columns)) : Optional.empty();
            }
        }
    }

    @Override
    public String toString() {
        return "(" + (after == null ? "start" : KeyValues.toJson(after)) + ", " + KeyValues.toJson(end) + "]";
    }
}
