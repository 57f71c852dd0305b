package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.Sql;

/**
 * Chunks of a single integer key planned by arithmetic: {@code (after, after + width]}, with the
 * width learnt from how many rows the last range held. Finding a chunk's end by row count means
 * walking the clustered index over every row of the chunk once more before copying it; on an
 * {@code auto_increment} key that walk was a tenth of the copy. Ranges end at the largest key
 * present when the copy starts: a row inserted later reaches the shadow through the stream.
 * Only plans; reads the bounds once.
 */
final class IntegerKeyRanges {
    private static final double MAX_GROWTH = 4.0;

    private final long min;
    private final long max;
    private double rowsPerKey = 1.0;

    private IntegerKeyRanges(long min, long max) {
        this.min = min;
        this.max = max;
    }

    /** Ranges for {@code chunks}' table, or empty when its key is not one signed integer column or the table is empty. */
    static Optional<IntegerKeyRanges> of(Connection c, ChunkSql chunks) throws SQLException {
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
            return Optional.of(new IntegerKeyRanges(((Number) min).longValue(), ((Number) max).longValue()));
        }
    }

    private static boolean isSignedInteger(Object value) {
        return value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte;
    }

    /** The end of the next range after {@code after} (null: from the smallest key) for about {@code rows} rows; empty when done. */
    Optional<List<Object>> next(List<Object> after, int rows) {
        long from = after == null ? min - 1 : ((Number) after.get(0)).longValue();
        if (from >= max) {
            return Optional.empty();
        }
        long width = Math.max(1, Math.round(rows / rowsPerKey));
        return Optional.of(List.of(from + Math.min(width, max - from)));
    }

    /** Learns the density of the range {@code (after, end]} that held {@code rows} rows. */
    void observe(List<Object> after, List<Object> end, long rows) {
        long from = after == null ? min - 1 : ((Number) after.get(0)).longValue();
        long width = ((Number) end.get(0)).longValue() - from;
        if (width > 0) {
            double seen = Math.max(rows, 1) / (double) width;
            rowsPerKey = Math.max(rowsPerKey / MAX_GROWTH, seen);
        }
    }

}
