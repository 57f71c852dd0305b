package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.twoway.core.projection.ProjectedWrite;
import dev.twoway.core.schema.UniqueIndexes;

/**
 * A chunk of the copy that collides with a row of the shadow on one of its unique keys (the
 * copy's identity guard refused it, see {@link ChunkSql#copy}). The copy reads the table now,
 * share-locked, while a shadow row the sink brought to an older position of the stream may still
 * hold a value the table has since given to another row. For every shadow row that holds a value
 * of the chunk on a unique key: when the table's own row holds it now too, or two rows of the
 * chunk share it, the new schema's key does not hold for the table's rows (MySQL's own ALTER
 * TABLE fails on it) and the copy is refused, naming the value; otherwise the shadow's row is
 * out of date (its newer version is in the stream, which the sink applies to it) and is deleted,
 * only while it still holds the value. Values compare as the shadow's columns compare. Reads and
 * decides; its one write is that delete, in the chunk's transaction.
 */
final class CopyCollisions {
    private CopyCollisions() {
    }

    /** Whether {@code e} is a collision of the copy (the guard's error, or a duplicate key). */
    static boolean is(SQLException e) {
        return e.getErrorCode() == ProjectedWrite.COLLISION || e.getErrorCode() == 1062;
    }

    /** Deletes the out-of-date shadow rows the chunk {@code (after, end]} collides with; how many. Refuses a real duplicate. */
    static int resolve(Connection c, ChunkSql chunks, List<Object> after, List<Object> end) throws SQLException {
        int cleared = 0;
        for (Map.Entry<String, List<String>> index : uniqueKeys(c, chunks).entrySet()) {
            List<String> columns = index.getValue();
            List<List<Object>> twice = query(c, chunks.duplicatesWithin(columns, after, end), 1);
            if (!twice.isEmpty()) {
                throw refused(chunks, index.getKey(), columns, twice.get(0), "two rows of the table hold it");
            }
            for (List<Object> conflict : query(c, chunks.conflicts(columns, after, end), 100)) {
                List<Object> shadowKey = conflict.subList(0, chunks.key().size());
                List<Object> values = conflict.subList(chunks.key().size(), conflict.size());
                if (!query(c, chunks.holdsNow(columns, shadowKey, values), 1).isEmpty()) {
                    throw refused(chunks, index.getKey(), columns, values, "the table's row " + shadowKey
                            + " and a row copied now both hold it");
                }
                cleared += execute(c, chunks.deleteStale(columns, shadowKey, values));
            }
        }
        return cleared;
    }

    /** The refusal of a collision that outlived its resolution, with the duplicate value when a count finds it. */
    static CopyRefusedException refusal(Connection c, ChunkSql chunks, List<Object> after, List<Object> end,
                                        SQLException e) throws SQLException {
        for (Map.Entry<String, List<String>> index : uniqueKeys(c, chunks).entrySet()) {
            List<List<Object>> twice = query(c, chunks.duplicates(index.getValue()), 1);
            if (!twice.isEmpty()) {
                return refused(chunks, index.getKey(), index.getValue(), twice.get(0), "rows of the table hold it");
            }
        }
        return new CopyRefusedException("copying the rows of " + chunks.schema() + "." + chunks.table() + " after "
                + (after == null ? "the start" : KeyValues.toJson(after)) + " up to " + KeyValues.toJson(end)
                + ": a row collides with another on a unique key of the new schema, time after time ("
                + e.getMessage() + ")", e);
    }

    /** The shadow's unique keys other than the copy's own, over columns the copy writes (others hold defaults). */
    private static Map<String, List<String>> uniqueKeys(Connection c, ChunkSql chunks) throws SQLException {
        Map<String, List<String>> keys = new java.util.LinkedHashMap<>();
        List<String> own = chunks.key().stream().map(k -> chunks.newColumns().get(indexOf(chunks.oldColumns(), k))).toList();
        new UniqueIndexes().of(c, chunks.schema(), chunks.shadow()).forEach((name, columns) -> {
            boolean isOwn = columns.size() == own.size() && columns.stream().allMatch(col -> contains(own, col));
            if (!isOwn && columns.stream().allMatch(col -> contains(chunks.newColumns(), col))) {
                keys.put(name, columns);
            }
        });
        return keys;
    }

    private static CopyRefusedException refused(ChunkSql chunks, String index, List<String> columns, List<Object> values,
                                                 String why) {
        List<String> named = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            named.add(columns.get(i) + "=" + values.get(i));
        }
        return new CopyRefusedException("the new schema's unique key " + index + " does not hold for the rows of "
                + chunks.schema() + "." + chunks.table() + ": the value (" + String.join(", ", named) + ") occurs twice ("
                + why + "); MySQL's own ALTER TABLE fails on such a duplicate too", null);
    }

    private static int indexOf(List<String> columns, String column) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        throw new IllegalArgumentException(column + " is not among " + columns);
    }

    private static boolean contains(List<String> columns, String column) {
        return columns.stream().anyMatch(column::equalsIgnoreCase);
    }

    private static List<List<Object>> query(Connection c, ChunkSql.Query query, int limit) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query.sql() + " LIMIT " + limit)) {
            Params.bind(s, query.params());
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                int n = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(n);
                    for (int i = 1; i <= n; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    private static int execute(Connection c, ChunkSql.Query query) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(query.sql())) {
            Params.bind(s, query.params());
            return s.executeUpdate();
        }
    }
}
