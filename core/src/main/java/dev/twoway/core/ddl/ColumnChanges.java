package dev.twoway.core.ddl;

import java.util.List;
import java.util.Map;

/**
 * What a statement does to columns, by the names they have before it runs (as MySQL reads every
 * clause of one ALTER TABLE: {@code RENAME COLUMN a TO b, RENAME COLUMN b TO a} swaps two
 * columns, and {@code DROP COLUMN c, ADD COLUMN c ...} makes a new column c).
 *
 * @param dropped columns the statement drops
 * @param added columns it adds, by their new names
 * @param renames old name to new name (CHANGE and RENAME COLUMN), in statement order
 * @param modified columns whose definition MODIFY or CHANGE replaces, by their old names
 */
public record ColumnChanges(List<String> dropped, List<String> added, Map<String, String> renames,
                            List<String> modified) {

    public ColumnChanges {
        dropped = List.copyOf(dropped);
        added = List.copyOf(added);
        renames = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(renames));
        modified = List.copyOf(modified);
    }

    /** A statement that leaves every column as it is (tests, and tables copied without a change). */
    public static ColumnChanges none() {
        return new ColumnChanges(List.of(), List.of(), Map.of(), List.of());
    }

    /** Column names are case-insensitive in MySQL. */
    public boolean drops(String column) {
        return dropped.stream().anyMatch(column::equalsIgnoreCase);
    }

    /** The name {@code column} has once the statement ran (itself when not renamed). */
    public String nameAfter(String column) {
        return renames.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column)).map(Map.Entry::getValue)
                .findFirst().orElse(column);
    }
}
