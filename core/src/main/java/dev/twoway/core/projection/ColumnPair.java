package dev.twoway.core.projection;

/** A column that exists in both schemas: its name in the old table and in the new one. */
public record ColumnPair(String oldName, String newName) {
}
