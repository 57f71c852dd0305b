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
 * the row written, by its key; a duplicate on another unique key sets the key NULL, which strict
 * mode refuses (error 1048). Without it an upsert whose value collides on a second unique key
 * updates the row that holds the value, and two rows become one.
 */
public final class ProjectedWrite {
    private static final String ALIAS = "_twoway_row";

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

    /** {@code DELETE FROM t WHERE (k1, k2) IN ((?, ?), …)} for {@code rows} keys. */
    public static String delete(String schema, String table, List<String> keyColumns, int rows) {
        String tuple = "(" + Sql.placeholders(keyColumns.size()) + ")";
        return "DELETE FROM " + Sql.qualified(schema, table) + " WHERE (" + Sql.columnList(keyColumns) + ") IN ("
                + String.join(", ", Collections.nCopies(rows, tuple)) + ")";
    }

    /** {@code t.k1 = IF(t.k1 <=> new.k1 AND …, t.k1, NULL)}: see the class comment; {@code target} qualifies t's columns. */
    static String guard(String target, List<String> key, java.util.function.Function<String, String> incoming) {
        List<String> same = new ArrayList<>();
        for (String k : key) {
            same.add(target + Sql.quote(k) + " <=> " + incoming.apply(k));
        }
        String first = target + Sql.quote(key.get(0));
        return first + " = IF(" + String.join(" AND ", same) + ", " + first + ", NULL)";
    }

    static boolean contains(List<String> columns, String column) {
        return columns.stream().anyMatch(column::equalsIgnoreCase);
    }
}
