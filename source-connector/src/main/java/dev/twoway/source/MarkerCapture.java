package dev.twoway.source;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Makes Debezium capture {@code <sidecar>.markers} whatever the user's include lists say, and
 * nothing else of the sidecar database: its other tables (migrations, sink progress, schema
 * history) change on every sink batch and would only add noise to the stream.
 *
 * <p>Debezium matches a table against {@code table.include.list} (or, when that is absent,
 * {@code table.exclude.list}) and its database against {@code database.include.list}, all as
 * case-insensitive regular expressions over the whole name. So: the sidecar database joins a
 * given database list; the markers table joins a given table list, and without one, the other
 * sidecar tables join the table exclude list. Applying it twice changes nothing more.
 */
final class MarkerCapture {
    static final String DATABASE_INCLUDE = "database.include.list";
    static final String TABLE_INCLUDE = "table.include.list";
    static final String TABLE_EXCLUDE = "table.exclude.list";
    /**
     * The tables a migration parks beside the original (see core's TableNames): the sink writes
     * them, so streaming their changes would only send the copy and every applied change round
     * again. Debezium still records their DDL, so a table renamed into a captured name is known.
     */
    static final String TWOWAY_TABLES = ".*\\..*_tw[0-9a-f]{6}_(new|old|hold_[0-9]{14})";
    private static final String NOT_TWOWAY = "(?!" + TWOWAY_TABLES + "$)";

    private MarkerCapture() {
    }

    static void apply(Map<String, String> props, String sidecar) {
        String database = regexLiteral(sidecar);
        if (isGiven(props, DATABASE_INCLUDE)) {
            append(props, DATABASE_INCLUDE, database);
        }
        if (isGiven(props, TABLE_INCLUDE)) {
            String markers = database + "\\.markers";
            props.put(TABLE_INCLUDE, withoutTwowayTables(props.get(TABLE_INCLUDE), markers));
            append(props, TABLE_INCLUDE, markers);
        }
        else {
            append(props, TABLE_EXCLUDE, database + "\\.(?!markers$).*");
            append(props, TABLE_EXCLUDE, TWOWAY_TABLES);
        }
    }

    /**
     * Debezium ignores the exclude list when an include list is given, so a pattern such as
     * {@code shop\..*} would also take in the tables a migration parks; each entry is guarded by
     * a look-ahead instead. Applying it twice changes nothing more.
     */
    static String withoutTwowayTables(String includeList, String markers) {
        return Arrays.stream(includeList.split(",")).map(String::trim).filter(e -> !e.isEmpty())
                .map(e -> e.startsWith(NOT_TWOWAY) || e.equals(markers) ? e : NOT_TWOWAY + e)
                .collect(Collectors.joining(","));
    }

    /** {@code text} as a regular expression matching exactly it (Debezium splits lists on commas, so no \Q..\E). */
    static String regexLiteral(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            if ("\\.[]{}()*+-?^$|".indexOf(c) >= 0) {
                out.append('\\');
            }
            out.append(c);
        }
        return out.toString();
    }

    private static boolean isGiven(Map<String, String> props, String key) {
        return props.get(key) != null && !props.get(key).isBlank();
    }

    private static void append(Map<String, String> props, String key, String entry) {
        String list = props.get(key);
        if (list == null || list.isBlank()) {
            props.put(key, entry);
        }
        else if (Arrays.stream(list.split(",")).map(String::trim).noneMatch(entry::equals)) {
            props.put(key, list + "," + entry);
        }
    }
}
