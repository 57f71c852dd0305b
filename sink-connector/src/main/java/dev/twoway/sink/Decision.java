package dev.twoway.sink;

/** What the sink does with one record, as decided by {@link RecordRouter}. */
public sealed interface Decision {
    /** Already applied (offset below the partition's progress): ignore, progress unchanged. */
    record Redelivered() implements Decision {
    }

    /** Not applied anywhere (no route, or a tombstone); its offset still counts as applied. */
    record Skip() implements Decision {
    }

    /** A change event to project along {@code route}. */
    record Apply(Route route) implements Decision {
    }

    /** A control marker. */
    record Marker(MarkerEvent marker) implements Decision {
    }
}
