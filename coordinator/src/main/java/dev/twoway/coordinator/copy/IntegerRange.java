package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.Sql;

/** A {@link KeyRange} of one signed integer key, copied and recorded in {@code copy_ranges}. */
final class IntegerRange implements CopyRange {
    private final KeyRange range;
    private final CopyJob job;

    IntegerRange(KeyRange range, CopyJob job) {
        this.range = range;
        this.job = job;
    }

    @Override
    public int number() {
        return range.number();
    }

    @Override
    public boolean done() {
        return range.done();
    }

    @Override
    public long rows() {
        return range.rows();
    }

    @Override
    public List<Object> after() {
        return List.of(range.after());
    }

    @Override
    public List<Object> end() {
        return List.of(range.end());
    }

    @Override
    public List<Object> last() {
        return List.of(range.last());
    }

    @Override
    public Chunk claim() {
        long after = range.last();
        long through = range.claim();
        return new Chunk() {
            @Override
            public long copy(Connection c) throws SQLException {
                long inserted = RowCopier.copy(c, job.chunks(), job.serverZone(), List.of(after), List.of(through), job.catchUp());
                job.integerRanges().advanced(c, job.migrationId(), range.number(), through, inserted);
                return inserted;
            }

            @Override
            public void copied(long inserted, long nanos) {
                range.copied(through, inserted, nanos);
            }
        };
    }

    @Override
    public long keysLeft() {
        return range.keysLeft();
    }

    @Override
    public Optional<CopyRange> split(Connection c, int number) throws SQLException {
        Optional<KeyRange> upper = range.split(number);
        if (upper.isPresent()) {
            job.integerRanges().shorten(c, job.migrationId(), range.number(), range.end());
            job.integerRanges().insert(c, job.migrationId(), upper.get().stored());
        }
        return upper.map(u -> new IntegerRange(u, job));
    }

    /** The smallest and largest key, when the key is one signed integer column and the table has rows. */
    static Optional<long[]> bounds(Connection c, ChunkSql chunks) throws SQLException {
        if (chunks.key().size() != 1) {
            return Optional.empty();
        }
        String key = Sql.quote(chunks.key().get(0));
        String sql = "SELECT MIN(" + key + "), MAX(" + key + ") FROM " + Sql.qualified(chunks.schema(), chunks.table());
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            rs.next();
            Object min = rs.getObject(1);
            Object max = rs.getObject(2);
            if (!isSignedInteger(min) || !isSignedInteger(max) || ((Number) min).longValue() == Long.MIN_VALUE) {
                return Optional.empty();
            }
            return Optional.of(new long[] {((Number) min).longValue(), ((Number) max).longValue()});
        }
    }

    private static boolean isSignedInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    @Override
    public String toString() {
        return "(" + range.after() + ", " + range.end() + "]";
    }
}
