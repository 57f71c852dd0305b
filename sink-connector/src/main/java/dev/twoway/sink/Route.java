package dev.twoway.sink;

import java.util.Objects;

import dev.twoway.core.projection.Direction;

/**
 * Where a partition's data records go: projected in {@code direction} for migration
 * {@code migrationId}. A partition without a route applies nothing (represented by null).
 */
public record Route(String migrationId, Direction direction) {
    public Route {
        Objects.requireNonNull(migrationId, "migrationId");
        Objects.requireNonNull(direction, "direction");
    }

    public static Route forward(String migrationId) {
        return new Route(migrationId, Direction.FORWARD);
    }

    public static Route inverse(String migrationId) {
        return new Route(migrationId, Direction.INVERSE);
    }

    /** The route stored in {@code sink_progress}, or null when the columns are NULL. */
    public static Route fromColumns(String migrationId, String direction) {
        return migrationId == null || direction == null ? null
                : new Route(migrationId, Direction.fromWireName(direction));
    }

    @Override
    public String toString() {
        return direction.wireName() + " for migration " + migrationId;
    }
}
