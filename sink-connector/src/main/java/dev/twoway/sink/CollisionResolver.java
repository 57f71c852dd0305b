package dev.twoway.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.twoway.core.Sql;
import dev.twoway.core.projection.StagedWrite;

/**
 * Decides a forward upsert that collides with another row of the shadow on a unique key. The
 * shadow mixes rows the copy read just now with rows the sink brought to an older position of
 * the stream, so such a collision is not always a duplicate. Asking the table itself, now:
 * <ul>
 * <li>both rows hold the value now: a real duplicate; the new schema's key does not hold for
 * the table's rows, and the migration fails (MySQL's own ALTER TABLE fails on it too);</li>
 * <li>the row written holds another value now (or is gone): a later change of it is in the
 * stream and will write it again; this write is skipped;</li>
 * <li>the other row holds another value now: the shadow's copy of it is out of date, and a
 * later change of it will write it again; it is deleted (only if it still holds the value), and
 * the write is made.</li>
 * </ul>
 * Reads and decides; its one write is that delete, in the sink's open transaction.
 */
final class CollisionResolver {
    /** What to do with the write. */
    enum Action {
        RETRY, SKIP, REFUSE
    }

    record Outcome(Action action, String reason) {
        static final Outcome RETRY = new Outcome(Action.RETRY, null);
        static final Outcome SKIP = new Outcome(Action.SKIP, null);
    }

    /** Reads rows; writes rows. */
    interface Rows {
        List<List<Object>> query(String sql, List<Object> parameters) throws SQLException;

        void execute(String sql, List<Object> parameters) throws SQLException;

        Map<String, List<String>> uniqueIndexes(String schema, String table) throws SQLException;

        /** As {@link StatementExecutor#zone}. */
        default void zone(boolean server) throws SQLException {
        }
    }

    private final Rows rows;
    private final Map<String, Map<String, List<String>>> indexes = new HashMap<>();

    CollisionResolver(Rows rows) {
        this.rows = rows;
    }

    Outcome resolve(RowChange x) throws SQLException {
        Target t = x.target();
        rows.zone(t.serverZone());
        List<Object> converted = converted(x);
        List<String> key = t.projection().keyTargetColumns();
        for (Map.Entry<String, List<String>> index : uniqueIndexes(t).entrySet()) {
            List<String> columns = index.getValue();
            if (sameColumns(columns, key)) {
                continue;
            }
            if (!columns.stream().allMatch(c -> position(x, c) >= 0)) {
                if (!conflicts(t, columns, key, x, converted).isEmpty()) {
                    return refuse(t, index.getKey(), columns, x, converted, "its value comes from a column's default");
                }
                continue;
            }
            for (List<Object> other : conflicts(t, columns, key, x, converted)) {
                if (!holdsNow(t, x, columns, converted, keyOf(x, converted))) {
                    return Outcome.SKIP;
                }
                if (holdsNow(t, x, columns, converted, other)) {
                    return refuse(t, index.getKey(), columns, x, converted, "both rows hold it in the table now");
                }
                deleteStale(t, columns, key, x, converted, other);
            }
        }
        return Outcome.RETRY;
    }

    /**
     * Which unique key of the target the upsert collides on, with the value and the key of the row
     * that holds it: for a reason that names the duplicate. Empty when none is found.
     */
    java.util.Optional<String> describe(RowChange x, List<RowChange> before) throws SQLException {
        Target t = x.target();
        rows.zone(t.serverZone());
        List<Object> converted = converted(x);
        List<String> key = t.projection().keyTargetColumns();
        for (Map.Entry<String, List<String>> index : uniqueIndexes(t).entrySet()) {
            List<String> columns = index.getValue();
            if (sameColumns(columns, key) || !columns.stream().allMatch(c -> position(x, c) >= 0)) {
                continue;
            }
            String values = columns.stream().map(c -> c + "=" + converted.get(position(x, c)))
                    .collect(Collectors.joining(", "));
            List<List<Object>> others = conflicts(t, columns, key, x, converted);
            if (!others.isEmpty()) {
                return java.util.Optional.of("unique key " + index.getKey() + " (" + values + ") is held by the row with "
                        + String.join(", ", key) + " = " + others.get(0) + " already");
            }
            if (t.staging() == null && before.stream().anyMatch(b -> sameValues(b, x, columns) && !sameValues(b, x, key))) {
                return java.util.Optional.of("unique key " + index.getKey() + " (" + values + ") is written twice, by two "
                        + "rows of one batch");
            }
        }
        return java.util.Optional.empty();
    }

    private static boolean sameValues(RowChange a, RowChange b, List<String> columns) {
        return columns.stream().allMatch(c -> position(a, c) >= 0 && position(b, c) >= 0
                && java.util.Objects.deepEquals(a.values().get(position(a, c)), b.values().get(position(b, c))));
    }

    /** The row's values as the target holds them: as bound, or converted by MySQL through the staging table. */
    private List<Object> converted(RowChange x) throws SQLException {
        StagedWrite staging = x.target().staging();
        if (staging == null) {
            return x.values();
        }
        List<Object> parameters = new ArrayList<>();
        parameters.add(0);
        parameters.addAll(x.values());
        rows.execute(staging.create(), List.of());
        rows.execute(staging.clear(), List.of());
        rows.execute(staging.stage(1), parameters);
        return rows.query(staging.selectConverted(), List.of()).get(0);
    }

    /** Target rows other than the one written that hold its values on {@code columns}: their keys. */
    private List<List<Object>> conflicts(Target t, List<String> columns, List<String> key, RowChange x,
                                         List<Object> converted) throws SQLException {
        List<Object> parameters = new ArrayList<>();
        List<String> terms = new ArrayList<>();
        for (String c : columns) {
            int i = position(x, c);
            if (i < 0) {
                continue;
            }
            terms.add(Sql.quote(c) + " = ?");
            parameters.add(converted.get(i));
        }
        List<String> same = new ArrayList<>();
        for (String k : key) {
            same.add(Sql.quote(k) + " <=> ?");
            parameters.add(converted.get(position(x, k)));
        }
        String where = (terms.isEmpty() ? "TRUE" : String.join(" AND ", terms)) + " AND NOT (" + String.join(" AND ", same) + ")";
        return rows.query("SELECT " + Sql.columnList(key) + " FROM " + Sql.qualified(t.schema(), t.table()) + " WHERE "
                + where + " LIMIT 10", parameters);
    }

    /** Whether the migrated table's row of target key {@code identity} holds the written values on {@code columns} now. */
    private boolean holdsNow(Target t, RowChange x, List<String> columns, List<Object> converted, List<Object> identity)
            throws SQLException {
        List<String> key = t.projection().keyTargetColumns();
        List<String> terms = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (int k = 0; k < key.size(); k++) {
            terms.add(sourceValue(t, x, key.get(k)) + " <=> ?");
            parameters.add(identity.get(k));
        }
        for (String c : columns) {
            terms.add(sourceValue(t, x, c) + " <=> ?");
            parameters.add(converted.get(position(x, c)));
        }
        return !rows.query("SELECT 1 FROM " + Sql.qualified(t.schema(), t.source()) + " WHERE "
                + String.join(" AND ", terms) + " LIMIT 1", parameters).isEmpty();
    }

    /** The written row's key in the target's terms. */
    private static List<Object> keyOf(RowChange x, List<Object> converted) {
        return x.target().projection().keyTargetColumns().stream().map(k -> converted.get(position(x, k))).toList();
    }

    private void deleteStale(Target t, List<String> columns, List<String> key, RowChange x, List<Object> converted,
                             List<Object> other) throws SQLException {
        List<String> terms = new ArrayList<>();
        List<Object> parameters = new ArrayList<>();
        for (int k = 0; k < key.size(); k++) {
            terms.add(Sql.quote(key.get(k)) + " <=> ?");
            parameters.add(other.get(k));
        }
        for (String c : columns) {
            terms.add(Sql.quote(c) + " <=> ?");
            parameters.add(converted.get(position(x, c)));
        }
        rows.execute("DELETE FROM " + Sql.qualified(t.schema(), t.table()) + " WHERE " + String.join(" AND ", terms),
                parameters);
    }

    /**
     * The source column of target column {@code column}, through its conversion, compared as the
     * target's column compares: equal exactly when the target's unique key takes them for one.
     */
    private static String sourceValue(Target t, RowChange x, String column) {
        int i = position(x, column);
        return String.format(t.comparable(i), String.format(t.conversion(i), Sql.quote(t.projection().sourceFields().get(i))));
    }

    private Outcome refuse(Target t, String index, List<String> columns, RowChange x, List<Object> converted,
                           String why) {
        String values = columns.stream().map(c -> {
            int i = position(x, c);
            return c + "=" + (i < 0 ? "(default)" : String.valueOf(converted.get(i)));
        }).collect(Collectors.joining(", "));
        return new Outcome(Action.REFUSE, "the new schema's unique key " + index + " (" + String.join(", ", columns)
                + ") of " + t.schema() + "." + t.table() + " holds a value twice (" + values + ", written by record "
                + x.origin() + "): " + why + "; MySQL's own ALTER TABLE fails on such a duplicate too");
    }

    private Map<String, List<String>> uniqueIndexes(Target t) throws SQLException {
        Map<String, List<String>> known = indexes.get(t.schema() + "." + t.table());
        if (known == null) {
            known = rows.uniqueIndexes(t.schema(), t.table());
            indexes.put(t.schema() + "." + t.table(), known);
        }
        return known;
    }

    private static boolean sameColumns(List<String> a, List<String> b) {
        return a.size() == b.size() && a.stream().allMatch(c -> b.stream().anyMatch(c::equalsIgnoreCase));
    }

    private static int position(RowChange x, String column) {
        for (int i = 0; i < x.columns().size(); i++) {
            if (x.columns().get(i).equalsIgnoreCase(column)) {
                return i;
            }
        }
        return -1;
    }
}
