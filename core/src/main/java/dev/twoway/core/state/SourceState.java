package dev.twoway.core.state;

import java.util.Locale;

/** What a source connector's task last said of itself in {@code sources}. */
public enum SourceState {
    /** Started; Debezium reads the tables' structure or connects to the binlog (again, after a retriable error). */
    STARTING,
    /** Debezium's binlog reader is connected. */
    STREAMING,
    /** The task failed; {@code message} says why. */
    FAILED,
    /** The task was stopped (connector deleted, paused or moved to another worker). */
    STOPPED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SourceState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }
}
