package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;

/**
 * Reads and writes {@code copy_ranges}: the key ranges {@code (after_key, end_key]} a copy of a
 * single integer key is cut into, each copied through {@code last_key} by its own connection.
 * The ranges partition the keys to copy; a range is advanced in the transaction of the chunk
 * it describes, so a restart resumes every range exactly. Never commits.
 */
public final class CopyRangeStore {
    private final String table;

    public CopyRangeStore(String database) {
        this.table = Sql.qualified(database, "copy_ranges");
    }

    /** A stored range: keys {@code (after, end]}, copied through {@code last}. */
    public record Range(int number, long after, long end, long last, long rowsCopied) {
    }

    /** The migration's ranges in key order (empty when its copy is not cut into ranges). */
    public List<Range> list(Connection c, String migrationId) throws SQLException {
        String sql = "SELECT range_no, after_key, end_key, last_key, rows_copied FROM " + table
                + " WHERE migration_id = ? ORDER BY after_key";
        List<Range> ranges = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ranges.add(new Range(rs.getInt(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), rs.getLong(5)));
                }
            }
        }
        return ranges;
    }

    /** Forgets every range of the migration. */
    public void clear(Connection c, String migrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM " + table + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            s.executeUpdate();
        }
    }

    public void insert(Connection c, String migrationId, Range range) throws SQLException {
        String sql = "INSERT INTO " + table + " (migration_id, range_no, after_key, end_key, last_key, rows_copied) "
                + "VALUES (?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            s.setInt(2, range.number());
            s.setLong(3, range.after());
            s.setLong(4, range.end());
            s.setLong(5, range.last());
            s.setLong(6, range.rowsCopied());
            s.executeUpdate();
        }
    }

    /** Ends a range earlier: its keys after {@code end} now belong to a range inserted in the same transaction. */
    public void shorten(Connection c, String migrationId, int number, long end) throws SQLException {
        String sql = "UPDATE " + table + " SET end_key = ? WHERE migration_id = ? AND range_no = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, end);
            s.setString(2, migrationId);
            s.setInt(3, number);
            s.executeUpdate();
        }
    }

    /** The range is copied through {@code last}, {@code rows} more rows; call in the chunk's transaction. */
    public void advanced(Connection c, String migrationId, int number, long last, long rows) throws SQLException {
        String sql = "UPDATE " + table + " SET last_key = ?, rows_copied = rows_copied + ? WHERE migration_id = ? "
                + "AND range_no = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, last);
            s.setLong(2, rows);
            s.setString(3, migrationId);
            s.setInt(4, number);
            s.executeUpdate();
        }
    }
}
