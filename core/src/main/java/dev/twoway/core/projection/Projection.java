package dev.twoway.core.projection;

import java.util.List;

/**
 * Record fields to target columns, one way. Forward reads old-schema records and writes
 * the new-schema table; inverse reads new-schema records and writes the old table.
 */
public final class Projection {
    private final Direction direction;
    private final List<ColumnPair> pairs;
    private final List<ColumnPair> key;

    Projection(Direction direction, List<ColumnPair> pairs, List<ColumnPair> key) {
        this.direction = direction;
        this.pairs = pairs;
        this.key = key;
    }

    public Direction direction() {
        return direction;
    }

    /** Names of the record's fields that are written, in column order. */
    public List<String> sourceFields() {
        return pairs.stream().map(this::source).toList();
    }

    /** Names of the target table's columns written, aligned with {@link #sourceFields()}. */
    public List<String> targetColumns() {
        return pairs.stream().map(this::target).toList();
    }

    /** The key's field names in the record. */
    public List<String> keySourceFields() {
        return key.stream().map(this::source).toList();
    }

    /** The key's column names in the target table, aligned with {@link #keySourceFields()}. */
    public List<String> keyTargetColumns() {
        return key.stream().map(this::target).toList();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Projection p && direction == p.direction && pairs.equals(p.pairs) && key.equals(p.key);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(direction, pairs, key);
    }

    private String source(ColumnPair pair) {
        return direction == Direction.FORWARD ? pair.oldName() : pair.newName();
    }

    private String target(ColumnPair pair) {
        return direction == Direction.FORWARD ? pair.newName() : pair.oldName();
    }
}
