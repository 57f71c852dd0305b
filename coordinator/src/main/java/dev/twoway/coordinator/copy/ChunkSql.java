package dev.twoway.coordinator.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.twoway.core.Sql;
import dev.twoway.core.projection.ProjectedWrite;

/**
 * The copy's SQL for a key of one or more columns. Row comparisons are written out
 * ({@code a > ? OR (a = ? AND b > ?)}) because MySQL's range optimizer reads that form
 * reliably, where {@code (a, b) > (?, ?)} may scan the index from its start.
 *
 * @param oldColumns the columns read from the table, in map order
 * @param newColumns the same columns' names in the shadow
 * @param key the key columns of the table, in index order
 * @param conversions per column, the expression that converts its value to the new type ({@code %s}
 *                    is the column; see {@code TypeConversion})
 * @param comparables per column, the expression that makes a converted value compare as the new
 *                    column compares ({@code TypeConversion.comparable})
 * @param numbered the key columns the index orders by number, each with its ENUM's count of values
 *                 (0 for a SET): read as their numbers ({@code CAST(e AS UNSIGNED)}: {@code e + 0} is a DOUBLE, and
 *                 {@code e = 1.0} is no range either) wherever a key is read to be
 *                 compared again, because MySQL compares such a column with a text value as text, so a
 *                 bound read as the value's name ({@code e > 'zeta'} for {@code ENUM('zeta', 'alpha')})
 *                 skips the rows the index orders after it. An ENUM's inequality is written as the
 *                 positions it admits ({@code e IN (2, 3)}): MySQL's range optimizer reads no range from
 *                 {@code e > 1}, and a chunk that scans the index from its start share-locks every row
 *                 before it. A SET's values are too many to list: compared as numbers (exact, unranged).
 */
public record ChunkSql(String schema, String table, String shadow, String index, List<String> oldColumns,
                       List<String> newColumns, List<String> key, List<String> conversions, List<String> comparables,
                       java.util.Map<String, Integer> numbered) {

    /** The copy of a change that keeps every column's type. */
    public ChunkSql(String schema, String table, String shadow, String index, List<String> oldColumns,
                    List<String> newColumns, List<String> key) {
        this(schema, table, shadow, index, oldColumns, newColumns, key,
                java.util.Collections.nCopies(oldColumns.size(), "%s"),
                java.util.Collections.nCopies(oldColumns.size(), "%s"));
    }

    /** A copy whose key holds no ENUM or SET column. */
    public ChunkSql(String schema, String table, String shadow, String index, List<String> oldColumns,
                    List<String> newColumns, List<String> key, List<String> conversions, List<String> comparables) {
        this(schema, table, shadow, index, oldColumns, newColumns, key, conversions, comparables, java.util.Map.of());
    }

    /** Shadow rows other than the chunk's own that hold a value of the chunk on {@code unique}: their keys, then the value. */
    public Query conflicts(List<String> unique, List<Object> after, List<Object> end) {
        Query range = range(after, end);
        List<String> newKey = key.stream().map(this::newName).toList();
        List<String> select = new ArrayList<>();
        List<String> on = new ArrayList<>();
        List<String> same = new ArrayList<>();
        for (int i = 0; i < newKey.size(); i++) {
            select.add(comparable(indexOfNew(newKey.get(i))) + " AS `_k" + i + "`");
            same.add("s." + Sql.quote(newKey.get(i)) + " <=> c.`_k" + i + "`");
        }
        for (int j = 0; j < unique.size(); j++) {
            select.add(comparable(indexOfNew(unique.get(j))) + " AS `_u" + j + "`");
            on.add("s." + Sql.quote(unique.get(j)) + " = c.`_u" + j + "`");
        }
        String keys = newKey.stream().map(k -> "s." + Sql.quote(k)).collect(Collectors.joining(", "));
        String values = java.util.stream.IntStream.range(0, unique.size()).mapToObj(j -> "c.`_u" + j + "`")
                .collect(Collectors.joining(", "));
        return new Query("SELECT " + keys + ", " + values + " FROM " + Sql.qualified(schema, shadow) + " s JOIN (SELECT "
                + String.join(", ", select) + " FROM " + Sql.qualified(schema, table) + " WHERE " + range.sql() + ") c ON "
                + String.join(" AND ", on) + " WHERE NOT (" + String.join(" AND ", same) + ")", range.params());
    }

    /** Whether the table's row of shadow key {@code shadowKey} holds {@code values} on {@code unique} now. */
    public Query holdsNow(List<String> unique, List<Object> shadowKey, List<Object> values) {
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            terms.add(comparable(indexOf(key.get(i))) + " <=> ?");
            params.add(shadowKey.get(i));
        }
        for (int j = 0; j < unique.size(); j++) {
            terms.add(comparable(indexOfNew(unique.get(j))) + " <=> ?");
            params.add(values.get(j));
        }
        return new Query("SELECT 1 FROM " + Sql.qualified(schema, table) + " WHERE " + String.join(" AND ", terms), params);
    }

    /** Deletes the shadow's row of {@code shadowKey}, only while it still holds {@code values} on {@code unique}. */
    public Query deleteStale(List<String> unique, List<Object> shadowKey, List<Object> values) {
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            terms.add(Sql.quote(newName(key.get(i))) + " <=> ?");
            params.add(shadowKey.get(i));
        }
        for (int j = 0; j < unique.size(); j++) {
            terms.add(Sql.quote(unique.get(j)) + " <=> ?");
            params.add(values.get(j));
        }
        return new Query("DELETE FROM " + Sql.qualified(schema, shadow) + " WHERE " + String.join(" AND ", terms), params);
    }

    /** A value of {@code unique} that two rows of the chunk share once converted. */
    public Query duplicatesWithin(List<String> unique, List<Object> after, List<Object> end) {
        Query range = range(after, end);
        List<String> select = new ArrayList<>();
        List<String> notNull = new ArrayList<>();
        for (int j = 0; j < unique.size(); j++) {
            select.add(comparable(indexOfNew(unique.get(j))) + " AS `_u" + j + "`");
            notNull.add("`_u" + j + "` IS NOT NULL");
        }
        String values = java.util.stream.IntStream.range(0, unique.size()).mapToObj(j -> "`_u" + j + "`")
                .collect(Collectors.joining(", "));
        return new Query("SELECT " + values + " FROM (SELECT " + String.join(", ", select) + " FROM "
                + Sql.qualified(schema, table) + " WHERE " + range.sql() + ") c WHERE " + String.join(" AND ", notNull)
                + " GROUP BY " + values + " HAVING COUNT(*) > 1", range.params());
    }

    /** Column {@code i} converted and made comparable as the shadow's column compares. */
    private String comparable(int i) {
        return String.format(comparables.get(i), converted(i));
    }

    /** SQL text and its parameters, in order. */
    public record Query(String sql, List<Object> params) {
    }

    /** The key of the row {@code size} rows after {@code after} (null: from the start), in key order. */
    public Query chunkEnd(List<Object> after, int size) {
        Query where = after == null ? null : greaterThan(after);
        List<Object> params = new ArrayList<>(where == null ? List.of() : where.params());
        params.add(size - 1);
        return new Query("SELECT " + keyRead() + from() + (where == null ? "" : " WHERE " + where.sql())
                + " ORDER BY " + Sql.columnList(key) + " LIMIT 1 OFFSET ?", params);
    }

    /**
     * The key {@code size} rows after {@code after} (null: from the start) and at most {@code end}
     * in key order: the end of a chunk of a sampled range; none when fewer rows are left in it.
     */
    public Query chunkEnd(List<Object> after, List<Object> end, int size) {
        Query range = range(after, end);
        List<Object> params = new ArrayList<>(range.params());
        params.add(size - 1);
        return new Query("SELECT " + keyRead() + from() + " WHERE " + range.sql() + " ORDER BY "
                + Sql.columnList(key) + " LIMIT 1 OFFSET ?", params);
    }

    /** The last key of the table after {@code after}: the end of the last chunk. */
    public Query lastKey(List<Object> after) {
        Query where = after == null ? null : greaterThan(after);
        String order = key.stream().map(k -> Sql.quote(k) + " DESC").collect(Collectors.joining(", "));
        return new Query("SELECT " + keyRead() + from() + (where == null ? "" : " WHERE " + where.sql())
                + " ORDER BY " + order + " LIMIT 1", where == null ? List.of() : where.params());
    }

    /** The key columns as a bound is read: each as it compares in the index's order (see {@link #numbered}). */
    private String keyRead() {
        return key.stream().map(k -> members(k) != null ? "CAST(" + Sql.quote(k) + " AS UNSIGNED)" : Sql.quote(k))
                .collect(Collectors.joining(", "));
    }

    /** How many values the key column's ENUM holds, 0 for a SET, null for a column compared as it reads. */
    private Integer members(String column) {
        return numbered.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(java.util.Map.Entry::getValue)
                .findFirst().orElse(null);
    }

    /** How many rows lie in the chunk {@code (after, end]}. */
    public Query count(List<Object> after, List<Object> end) {
        Query range = range(after, end);
        return new Query("SELECT COUNT(*)" + from() + " WHERE " + range.sql(), range.params());
    }

    /**
     * Copies the chunk {@code (after, end]} into the shadow, share-locking what it reads. A row
     * the sink wrote first is overwritten with what the copy read: the share lock makes any later
     * change of it commit after the chunk, and reach the shadow after it, so the copy's version
     * is never older than the shadow's (and the sink skips rows the copy has yet to read, see
     * the sink's {@code CopyFrontier}). Not {@code REPLACE} or {@code INSERT IGNORE}: the first
     * would delete and reinsert, the second turn a value the new type cannot hold into a silent
     * truncation.
     */
    public Query copy(List<Object> after, List<Object> end) {
        Query range = range(after, end);
        String target = Sql.qualified(schema, shadow);
        List<String> assignments = new ArrayList<>();
        assignments.add(identityGuard(target));
        List<String> selected = new ArrayList<>();
        for (int i = 0; i < oldColumns.size(); i++) {
            selected.add(converted(i));
            if (key.stream().noneMatch(oldColumns.get(i)::equalsIgnoreCase)) {
                assignments.add(target + "." + Sql.quote(newColumns.get(i)) + " = " + converted(i));
            }
        }
        return new Query("INSERT INTO " + target + " (" + Sql.columnList(newColumns) + ") SELECT "
                + String.join(", ", selected) + from() + " WHERE " + range.sql() + " ORDER BY " + Sql.columnList(key)
                + " LOCK IN SHARE MODE ON DUPLICATE KEY UPDATE " + String.join(", ", assignments), range.params());
    }

    /**
     * The first assignment of the update: the row found is the row copied, by its key; a duplicate
     * found on another unique key fails the statement ({@code ProjectedWrite.guard}, error 1242),
     * so the copy never merges two rows into one (MySQL's ALTER TABLE fails on such a duplicate).
     */
    private String identityGuard(String target) {
        return ProjectedWrite.guard(target + ".", key.stream().map(this::newName).toList(),
                newKey -> converted(indexOf(oldNameOf(newKey))));
    }

    private String oldNameOf(String newColumn) {
        return oldColumns.get(indexOfNew(newColumn));
    }


    /**
     * One value of the shadow's columns {@code newColumnNames} (a unique key) that two rows or more
     * of the table share once converted, and how many share it; no row when none does.
     */
    public Query duplicates(List<String> newColumnNames) {
        List<String> values = new ArrayList<>();
        for (String column : newColumnNames) {
            values.add(comparable(indexOfNew(column)));
        }
        List<String> notNull = values.stream().map(v -> v + " IS NOT NULL").toList();
        List<String> positions = new ArrayList<>();
        for (int i = 1; i <= values.size(); i++) {
            positions.add(Integer.toString(i));
        }
        return new Query("SELECT " + String.join(", ", values) + ", COUNT(*) FROM " + Sql.qualified(schema, table)
                + " WHERE " + String.join(" AND ", notNull) + " GROUP BY " + String.join(", ", positions)
                + " HAVING COUNT(*) > 1", List.of());
    }

    private int indexOfNew(String newColumn) {
        for (int i = 0; i < newColumns.size(); i++) {
            if (newColumns.get(i).equalsIgnoreCase(newColumn)) {
                return i;
            }
        }
        throw new IllegalArgumentException(newColumn + " is not among the copied columns " + newColumns);
    }

    /** Column {@code i} of the table as the new type holds it, qualified by the table's name. */
    private String converted(int i) {
        return String.format(conversions.get(i), Sql.qualified(schema, table) + "." + Sql.quote(oldColumns.get(i)));
    }

    private int indexOf(String oldColumn) {
        for (int i = 0; i < oldColumns.size(); i++) {
            if (oldColumns.get(i).equalsIgnoreCase(oldColumn)) {
                return i;
            }
        }
        throw new IllegalArgumentException("key column " + oldColumn + " is not among the copied columns " + oldColumns);
    }

    private String newName(String oldColumn) {
        return newColumns.get(indexOf(oldColumn));
    }

    private String from() {
        return " FROM " + Sql.qualified(schema, table) + " FORCE INDEX (" + Sql.quote(index) + ")";
    }

    private Query range(List<Object> after, List<Object> end) {
        Query upper = atMost(end);
        if (after == null) {
            return upper;
        }
        Query lower = greaterThan(after);
        List<Object> params = new ArrayList<>(lower.params());
        params.addAll(upper.params());
        return new Query("(" + lower.sql() + ") AND (" + upper.sql() + ")", params);
    }

    /** {@code key > values}. */
    Query greaterThan(List<Object> values) {
        return compare(values, ">", false);
    }

    /** {@code key <= values}. */
    Query atMost(List<Object> values) {
        return compare(values, "<", true);
    }

    /** Lexicographic comparison: some prefix equal and the next column {@code op} (the last one also equal). */
    private Query compare(List<Object> values, String op, boolean orEqual) {
        List<String> terms = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            List<String> parts = new ArrayList<>();
            for (int j = 0; j < i; j++) {
                parts.add(Sql.quote(key.get(j)) + " = ?");
                Integer members = members(key.get(j));
                params.add(members != null && members > 0 && values.get(j) instanceof Number position
                        ? (Object) position.longValue() : values.get(j));
            }
            String last = i == key.size() - 1 && orEqual ? op + "=" : op;
            Integer members = members(key.get(i));
            if (members != null && members > 0 && values.get(i) instanceof Number position) {
                parts.add(positions(key.get(i), last, position.longValue(), members, params));
            }
            else {
                parts.add(Sql.quote(key.get(i)) + " " + last + " ?");
                params.add(values.get(i));
            }
            terms.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(" AND ", parts) + ")");
        }
        return new Query(String.join(" OR ", terms), params);
    }

    /**
     * An ENUM's {@code column op position} as the positions it admits, 0 (the invalid value's
     * position, first in the index) to {@code members}; {@code FALSE} when none.
     */
    private static String positions(String column, String op, long position, int members, List<Object> params) {
        long from = op.startsWith(">") ? (op.equals(">") ? position + 1 : position) : 0;
        long to = op.startsWith("<") ? (op.equals("<") ? position - 1 : position) : members;
        if (from > to) {
            return "FALSE";
        }
        List<String> marks = new ArrayList<>();
        for (long p = from; p <= to; p++) {
            marks.add("?");
            params.add(p);
        }
        return Sql.quote(column) + " IN (" + String.join(", ", marks) + ")";
    }
}
