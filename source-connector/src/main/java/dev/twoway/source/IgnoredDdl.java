package dev.twoway.source;

import java.util.List;

import io.debezium.relational.history.SchemaHistory;

/**
 * The DDL statements Debezium need not parse, as its {@code internal.schema.history.internal.ddl.filter}:
 * Debezium's own list plus the statements that define stored programs, which never change a
 * table's columns.
 *
 * <p>Why: Debezium 3.6.1 parses every DDL statement on the server, whatever database it is in,
 * and first runs it through {@code DdlNormalizer}, whose string-literal pattern
 * ({@code '(?:''|[^'\\]|\\.)*'}) recurses once per character in Java's regex engine. A literal of
 * a few thousand characters (measured: about 2,000 to 4,000 on a 1 MB thread stack) overflows the
 * binlog reader's stack; the {@code StackOverflowError} is no exception, so nothing catches it, the
 * reader thread dies, and the task stays RUNNING without streaming (issue 11, defect 6). Debezium
 * already skips procedures, functions, triggers and views, but not events, and not a definer its
 * pattern cannot read ({@code DEFINER=`a b`@`%`}, with a space). Both are added here. The filter is
 * matched before parsing, and these patterns have no repeated group, so they cannot overflow
 * themselves.
 *
 * <p>A table statement with such a literal (a long {@code COMMENT} or {@code DEFAULT}) must still
 * be parsed; if it overflows, the source's health check fails the task with the statement (see
 * {@code StreamingVerdict}), and a larger worker thread stack ({@code -Xss}) is the remedy.
 */
final class IgnoredDdl {
    static final String KEY = SchemaHistory.DDL_FILTER.name();

    private static final String SET_STATEMENT = "(?:SET STATEMENT\\s.*?\\sFOR\\s+)?";
    /** Every statement with a DEFINER clause: views, procedures, functions, triggers and events. */
    static final String WITH_DEFINER = SET_STATEMENT
            + "(?:CREATE|ALTER)\\s+(?:OR\\s+REPLACE\\s+)?(?:ALGORITHM\\s*=\\s*\\S+\\s+)?DEFINER\\s*=.*";
    /** Events without a definer: DROP EVENT, and CREATE or ALTER EVENT as a client may write them. */
    static final String EVENT = SET_STATEMENT + "(?:CREATE|ALTER|DROP)\\s+EVENT\\s.*";

    private IgnoredDdl() {
    }

    /** Debezium's default filter with twoway's patterns added (Debezium splits the list on commas). */
    static String filter() {
        return String.join(",", List.of(SchemaHistory.DDL_FILTER.defaultValueAsString(), WITH_DEFINER, EVENT));
    }
}
