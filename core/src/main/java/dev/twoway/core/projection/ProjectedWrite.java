package dev.twoway.core.projection;

import java.util.List;
import java.util.stream.Collectors;

import dev.twoway.core.Sql;

/**
 * The statements that apply projected rows. Upserts write only the projected columns, so a
 * column the record does not know keeps its value on an existing row and gets its default
 * on a new one (invariant 3). Uses the row alias form of ON DUPLICATE KEY UPDATE
 * (MySQL 8.0.19+), as VALUES() is deprecated.
 */
public final class ProjectedWrite {
    private static final String ALIAS = "_twoway_row";

    private ProjectedWrite() {
    }

    /** {@code INSERT INTO t (a, b) VALUES (?, ?), … AS row ON DUPLICATE KEY UPDATE a = row.a, …} for {@code rows} rows. */
    public static String upsert(String schema, String table, List<String> columns, int rows) {
        String tuple = "(" + Sql.placeholders(columns.size()) + ")";
        String values = String.join(", ", java.util.Collections.nCopies(rows, tuple));
        String updates = columns.stream().map(c -> Sql.quote(c) + " = " + ALIAS + "." + Sql.quote(c))
                .collect(Collectors.joining(", "));
        return "INSERT INTO " + Sql.qualified(schema, table) + " (" + Sql.columnList(columns) + ") VALUES " + values
                + " AS " + ALIAS + " ON DUPLICATE KEY UPDATE " + updates;
    }

    /** {@code DELETE FROM t WHERE (k1, k2) IN ((?, ?), …)} for {@code rows} keys. */
    public static String delete(String schema, String table, List<String> keyColumns, int rows) {
        String tuple = "(" + Sql.placeholders(keyColumns.size()) + ")";
        return "DELETE FROM " + Sql.qualified(schema, table) + " WHERE (" + Sql.columnList(keyColumns) + ") IN ("
                + String.join(", ", java.util.Collections.nCopies(rows, tuple)) + ")";
    }
}
