package dev.twoway.sink;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A batch of changes of one target whose keys are independent ({@link KeyIndependence}), reduced
 * to at most three multi-row statements that leave the table as the changes in record order do:
 * <ol>
 * <li>deletes of the keys deleted and then written again: the row is then a new one (what the
 * upsert does not write takes its default), not the old one updated;</li>
 * <li>the last upsert of every key upserted: MySQL's upsert writes every mapped column, so the
 * last one alone leaves the row as all of them do. A key deleted after it is upserted too, as in
 * record order, so the table's {@code AUTO_INCREMENT} counter passes its value just the same;</li>
 * <li>deletes of the keys whose last change is a delete.</li>
 * </ol>
 * Different keys' writes commute on such a table, so only each key's own order counts, and each
 * key's changes reduce to (delete) (upsert) (delete) in that order. Deciding only: the writer
 * executes.
 */
final class CoalescedChanges {
    private CoalescedChanges() {
    }

    /** The statements' changes in the order to write them, each list one statement (empty lists left out). */
    static List<List<RowChange>> plan(List<RowChange> changes) {
        Map<List<Object>, RowChange> lastUpsert = new LinkedHashMap<>();
        Map<List<Object>, RowChange> firstDelete = new LinkedHashMap<>();
        Set<List<Object>> deletedLast = new LinkedHashSet<>();
        Set<List<Object>> deletedBeforeUpsert = new LinkedHashSet<>();
        for (RowChange change : changes) {
            List<Object> key = key(change);
            if (change.kind() == RowChange.Kind.DELETE) {
                firstDelete.putIfAbsent(key, change);
                deletedLast.add(key);
            }
            else if (change.kind() == RowChange.Kind.UPSERT) {
                if (deletedLast.remove(key)) {
                    deletedBeforeUpsert.add(key);
                }
                lastUpsert.put(key, change);
            }
            else {
                throw new IllegalArgumentException("a move is written alone, in record order: " + change.origin());
            }
        }
        List<List<RowChange>> statements = new ArrayList<>();
        addIfAny(statements, deletedBeforeUpsert.stream().map(firstDelete::get).toList());
        addIfAny(statements, List.copyOf(lastUpsert.values()));
        addIfAny(statements, deletedLast.stream().map(firstDelete::get).toList());
        return statements;
    }

    private static void addIfAny(List<List<RowChange>> statements, List<RowChange> statement) {
        if (!statement.isEmpty()) {
            statements.add(statement);
        }
    }

    /**
     * The change's key values, each integer made one canonical value ({@code 5}, {@code 5L} and
     * {@code BigDecimal 5} are one key, as they are for MySQL). A key value that is no integer
     * means the target was wrongly taken for independent: failing beats reordering.
     */
    static List<Object> key(RowChange change) {
        List<String> keyColumns = change.target().projection().keyTargetColumns();
        List<Object> key = new ArrayList<>(keyColumns.size());
        for (String column : keyColumns) {
            int index = change.columns().indexOf(column);
            if (index < 0) {
                throw new IllegalStateException("change " + change.origin() + " has no key column " + column);
            }
            Object value = change.values().get(index);
            if (!(value instanceof Number number)) {
                throw new IllegalStateException("key column " + column + " of change " + change.origin()
                        + " holds no integer: " + value);
            }
            key.add(new BigDecimal(number.toString()).toBigIntegerExact());
        }
        return key;
    }
}
