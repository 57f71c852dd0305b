package dev.twoway.core.schema;

import java.util.List;
import java.util.Optional;

/**
 * The parts of a table's definition twoway decides with: its columns in order, its primary
 * key, and its unique keys whose columns are all NOT NULL (either can identify a row).
 */
public record TableSchema(String schema, String table, List<Column> columns, List<String> primaryKey,
                          List<List<String>> notNullUniqueKeys) {

    public Optional<Column> column(String name) {
        return columns.stream().filter(c -> c.name().equalsIgnoreCase(name)).findFirst();
    }

    public boolean hasColumn(String name) {
        return column(name).isPresent();
    }

    /** The primary key first, then the NOT NULL unique keys. */
    public List<List<String>> rowIdentifyingKeys() {
        List<List<String>> keys = new java.util.ArrayList<>();
        if (!primaryKey.isEmpty()) {
            keys.add(primaryKey);
        }
        keys.addAll(notNullUniqueKeys);
        return keys;
    }
}
