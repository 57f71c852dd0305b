package dev.twoway.core.state;

import java.util.Locale;

/** What became of a swap: still being decided, tables swapped, or nothing changed. */
public enum MarkerOutcome {
    PENDING, DONE, ABORTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MarkerOutcome fromWireName(String name) {
        return name == null ? null : valueOf(name.toUpperCase(Locale.ROOT));
    }
}
