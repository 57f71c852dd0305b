package dev.twoway.core;

import java.util.List;
import java.util.stream.Collectors;

/** SQL text pieces. Every identifier twoway writes into a statement goes through {@link #quote}. */
public final class Sql {
    private Sql() {
    }

    /** A MySQL identifier in backquotes, with embedded backquotes doubled. */
    public static String quote(String identifier) {
        if (identifier == null || identifier.isEmpty()) {
            throw new IllegalArgumentException("an SQL identifier must not be empty");
        }
        return '`' + identifier.replace("`", "``") + '`';
    }

    /** {@code `schema`.`table`}. */
    public static String qualified(String schema, String table) {
        return quote(schema) + '.' + quote(table);
    }

    /** {@code `a`, `b`, `c`}. */
    public static String columnList(List<String> columns) {
        return columns.stream().map(Sql::quote).collect(Collectors.joining(", "));
    }

    /** {@code ?, ?, ?} for {@code count} parameters. */
    public static String placeholders(int count) {
        return String.join(", ", java.util.Collections.nCopies(count, "?"));
    }

    /** A single-quoted SQL string literal (for the few statements that cannot take parameters). */
    public static String literal(String value) {
        return '\'' + value.replace("\\", "\\\\").replace("'", "''") + '\'';
    }
}
