package dev.twoway.core.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.twoway.core.ddl.ColumnChanges;
import dev.twoway.core.ddl.DdlException;
import dev.twoway.core.schema.Column;
import dev.twoway.core.schema.TableSchema;

/**
 * Which old column becomes which new column, and the key that identifies a row in both
 * tables. It follows MySQL's reading of the statement ({@link ColumnChanges}): an old column X
 * becomes the new column Y exactly when the statement does not drop X and Y is X's name after
 * the statement's renames, both being real (not generated) columns. So a column dropped and
 * added again under its name is a new column that takes its default, as MySQL gives it, and
 * two renames can swap names. A column without a counterpart is never written by a
 * projection (invariant 3).
 */
public record ColumnMap(List<ColumnPair> pairs, List<ColumnPair> key) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Maps {@code oldTable} to {@code newTable}; refuses when no row-identifying key survives. */
    public static ColumnMap of(TableSchema oldTable, TableSchema newTable, ColumnChanges changes) {
        List<ColumnPair> pairs = new ArrayList<>();
        for (Column column : oldTable.columns()) {
            if (changes.drops(column.name())) {
                continue;
            }
            Optional<Column> counterpart = newTable.column(changes.nameAfter(column.name()));
            if (counterpart.isPresent() && !column.generated() && !counterpart.get().generated()) {
                pairs.add(new ColumnPair(column.name(), counterpart.get().name()));
            }
        }
        ColumnMap partial = new ColumnMap(List.copyOf(pairs), List.of());
        return new ColumnMap(partial.pairs(), partial.commonKey(oldTable, newTable));
    }

    /** The first row-identifying key of the old table that is also one of the new table. */
    private List<ColumnPair> commonKey(TableSchema oldTable, TableSchema newTable) {
        for (List<String> oldKey : oldTable.rowIdentifyingKeys()) {
            List<ColumnPair> mapped = new ArrayList<>();
            for (String column : oldKey) {
                pairForOld(column).ifPresent(mapped::add);
            }
            if (mapped.size() == oldKey.size() && isKeyOf(newTable, mapped)) {
                return List.copyOf(mapped);
            }
        }
        throw new DdlException("no primary key or NOT NULL unique key identifies rows in both the old and the new "
                + "schema of " + oldTable.schema() + "." + oldTable.table()
                + "; twoway needs one to apply changes to the other table");
    }

    private static boolean isKeyOf(TableSchema table, List<ColumnPair> columns) {
        return table.rowIdentifyingKeys().stream().anyMatch(key -> key.size() == columns.size()
                && columns.stream().allMatch(p -> key.stream().anyMatch(k -> k.equalsIgnoreCase(p.newName()))));
    }

    public Optional<ColumnPair> pairForOld(String oldName) {
        return pairs.stream().filter(p -> p.oldName().equalsIgnoreCase(oldName)).findFirst();
    }

    /** The projection that writes records of one table into the other. */
    public Projection projection(Direction direction) {
        return new Projection(direction, pairs, key);
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(Map.of("columns", pairs, "key", key));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a column map", e);
        }
    }

    public static ColumnMap fromJson(String json) {
        try {
            Map<String, List<ColumnPair>> read = JSON.readValue(json, new TypeReference<>() {
            });
            return new ColumnMap(List.copyOf(read.get("columns")), List.copyOf(read.get("key")));
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a twoway column map: " + json, e);
        }
    }
}
