package dev.twoway.sink;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Whether the changes of different keys commute on a target table, so that a batch may be
 * written as its last change per key, deletes and upserts of different keys each in one
 * statement ({@link CoalescedChanges}), instead of in record order. Only when nothing but the
 * key itself can make two keys' writes meet:
 * <ul>
 * <li>the write key is the table's only unique index: a second one lets a row take a unique value
 * another row frees in the same batch, which succeeds in record order and collides reordered;</li>
 * <li>its columns are integers, written as they are (no conversion): two values Java tells apart
 * are then two keys for MySQL too (a collation, PAD SPACE, a decimal's scale or a narrowing
 * conversion could make them one);</li>
 * <li>no foreign key from or to the table (a cascade or a check sees the order), no trigger on it
 * (it sees every write), and no {@code AUTO_INCREMENT} column outside the key (its counter follows
 * every value written, which the last change per key does not all write).</li>
 * </ul>
 */
public final class KeyIndependence {
    private static final Set<String> INTEGERS = Set.of("tinyint", "smallint", "mediumint", "int", "integer", "bigint");

    private KeyIndependence() {
    }

    /** {@code key}: the target's key columns; {@code converted}: whether any key column's value is converted on the way. */
    public static boolean holds(TableFacts facts, List<String> key, boolean converted) {
        if (converted || key.isEmpty() || facts.foreignKeys() > 0 || facts.triggers() > 0
                || facts.uniqueIndexes().size() != 1) {
            return false;
        }
        List<String> unique = facts.uniqueIndexes().values().iterator().next();
        if (unique.stream().anyMatch(Objects::isNull)) {
            return false; // a functional key part
        }
        Set<String> keyColumns = lower(key);
        if (unique.size() != key.size() || !lower(unique).equals(keyColumns)) {
            return false;
        }
        boolean integers = keyColumns.stream().allMatch(k -> INTEGERS.contains(facts.columnTypes().getOrDefault(k, "")));
        return integers && keyColumns.containsAll(facts.autoIncrement());
    }

    private static Set<String> lower(List<String> columns) {
        return columns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
    }
}
