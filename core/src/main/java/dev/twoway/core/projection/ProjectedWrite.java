package dev.twoway.core.projection;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import dev.twoway.core.Sql;

/**
 * The statements that apply projected rows. Upserts write only the projected columns, so a
 * column the record does not know keeps its value on an existing row and gets its default
 * on a new one (invariant 3); a column the record does not know that MySQL would refresh ON
 * UPDATE is assigned its own value, which keeps it too. Uses the row alias form of ON DUPLICATE
 * KEY UPDATE (MySQL 8.0.19+), as VALUES() is deprecated.
 *
 * <p>The first assignment of every update is a guard: the row the duplicate was found on must be
 * the row written, by its key; a duplicate on another unique key evaluates a subquery of two rows
 * instead, which MySQL refuses ({@value #COLLISION}: "Subquery returns more than 1 row"), whatever
 * the key's type (setting the key NULL fails a plain column in strict mode but quietly makes an
 * AUTO_INCREMENT one 0). Without it an upsert whose value collides on a second unique key
 * updates the row that holds the value, and two rows become one.
 */
public final class ProjectedWrite {
    private static final String ALIAS = "_twoway_row";
    /** MySQL's error for the guard's two-row subquery: the write collides on another unique key. */
    public static final int COLLISION = 1242;
    private static final String REFUSE = "(SELECT 1 UNION ALL SELECT 1)";

    private ProjectedWrite() {
    }

    /**
     * {@code INSERT INTO t (a, b) VALUES (?, ?), … AS row ON DUPLICATE KEY UPDATE <guard>, b = row.b, …}
     * for {@code rows} rows; {@code key} are the columns (among {@code columns}) that identify the row.
     */
    public static String upsert(String schema, String table, List<String> columns, List<String> key,
                                List<String> keepOnUpdate, int rows) {
        String tuple = "(" + Sql.placeholders(columns.size()) + ")";
        String values = String.join(", ", Collections.nCopies(rows, tuple));
        List<String> assignments = new ArrayList<>();
        // The target's columns qualified: unqualified, a name the row alias also has is ambiguous.
        String target = Sql.qualified(schema, table) + ".";
        assignments.add(guard(target, key, k -> ALIAS + "." + Sql.quote(k)));
        for (String c : columns) {
            if (!contains(key, c)) {
                assignments.add(Sql.quote(c) + " = " + ALIAS + "." + Sql.quote(c));
            }
        }
        keepOnUpdate.forEach(c -> assignments.add(Sql.quote(c) + " = " + Sql.quote(c)));
        return "INSERT INTO " + Sql.qualified(schema, table) + " (" + Sql.columnList(columns) + ") VALUES " + values
                + " AS " + ALIAS + " ON DUPLICATE KEY UPDATE " + String.join(", ", assignments);
    }

    /**
     * {@code UPDATE t SET k1 = ?, … WHERE k1 = ? AND …}: a row's key moves, the rest of the row
     * (columns the projection does not write among them) stays; the new key's values first, then
     * the old key's, each new value through its column's conversion ({@code %s} for the value).
     */
    public static String move(String schema, String table, List<String> key, List<String> conversions) {
        List<String> sets = new ArrayList<>();
        List<String> where = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            sets.add(Sql.quote(key.get(i)) + " = " + String.format(conversions.get(i), "?"));
            where.add(Sql.quote(key.get(i)) + " = ?");
        }
        return "UPDATE " + Sql.qualified(schema, table) + " SET " + String.join(", ", sets) + " WHERE "
                + String.join(" AND ", where);
    }

    /** {@code DELETE FROM t WHERE (k1, k2) IN ((?, ?), …)} for {@code rows} keys. */
    public static String delete(String schema, String table, List<String> keyColumns, int rows) {
        String tuple = "(" + Sql.placeholders(keyColumns.size()) + ")";
        return "DELETE FROM " + Sql.qualified(schema, table) + " WHERE (" + Sql.columnList(keyColumns) + ") IN ("
                + String.join(", ", Collections.nCopies(rows, tuple)) + ")";
    }

    /**
     * {@code t.k1 = IF(t.k1 <=> new.k1 AND …, t.k1, (SELECT 1 UNION ALL SELECT 1))}: see the class
     * comment; {@code target} qualifies t's columns.
     */
    public static String guard(String target, List<String> key, java.util.function.Function<String, String> incoming) {
        List<String> same = new ArrayList<>();
        for (String k : key) {
            same.add(target + Sql.quote(k) + " <=> " + incoming.apply(k));
        }
        String first = target + Sql.quote(key.get(0));
        return first + " = IF(" + String.join(" AND ", same) + ", " + first + ", " + REFUSE + ")";
    }

    static boolean contains(List<String> columns, String column) {
        return columns.stream().anyMatch(column::equalsIgnoreCase);
    }
}
