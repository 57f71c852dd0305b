package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;

/**
 * Reads and writes {@code copy_key_ranges}: the ranges {@code (after_key, end_key]} a copy of a
 * key of any shape (several columns, text, binary, unsigned, temporal) is cut into by sampling
 * the key index, each copied through {@code last_key} by one connection. Keys are stored as the
 * copier's JSON arrays of key values (numbers exact, binary as base64, everything else as
 * MySQL's text), which MySQL compares again as the key compares, collation included: they are
 * never compared here. A null {@code after_key} is the start of the table, a null
 * {@code last_key} a range nothing of which is copied yet. A range is advanced in the
 * transaction of the chunk it describes, so a restart resumes every range exactly. Never commits.
 */
public final class CopyKeyRangeStore {
    private final String table;

    public CopyKeyRangeStore(String database) {
        this.table = Sql.qualified(database, "copy_key_ranges");
    }

    /** A stored range: keys {@code (after, end]}, copied through {@code last}, or all of it when {@code done}. */
    public record Range(int number, String after, String end, String last, boolean done, long rowsCopied) {
    }

    /** The migration's ranges in key order (their numbers are given in key order). */
    public List<Range> list(Connection c, String migrationId) throws SQLException {
        String sql = "SELECT range_no, after_key, end_key, last_key, done, rows_copied FROM " + table
                + " WHERE migration_id = ? ORDER BY range_no";
        List<Range> ranges = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ranges.add(new Range(rs.getInt(1), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getBoolean(5), rs.getLong(6)));
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
        String sql = "INSERT INTO " + table + " (migration_id, range_no, after_key, end_key, last_key, done, rows_copied) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            s.setInt(2, range.number());
            s.setString(3, range.after());
            s.setString(4, range.end());
            s.setString(5, range.last());
            s.setBoolean(6, range.done());
            s.setLong(7, range.rowsCopied());
            s.executeUpdate();
        }
    }

    /** The range is copied through {@code last} ({@code done}: to its end), {@code rows} more rows; call in the chunk's transaction. */
    public void advanced(Connection c, String migrationId, int number, String last, boolean done, long rows)
            throws SQLException {
        String sql = "UPDATE " + table + " SET last_key = ?, done = ?, rows_copied = rows_copied + ? "
                + "WHERE migration_id = ? AND range_no = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, last);
            s.setBoolean(2, done);
            s.setLong(3, rows);
            s.setString(4, migrationId);
            s.setInt(5, number);
            s.executeUpdate();
        }
    }
}
