package dev.twoway.core.state;

import java.util.Locale;

/** Control markers written into a table's topic through the binlog (invariant 1). */
public enum MarkerKind {
    /** From here on, the sink applies the table's changes forward to the shadow. */
    START,
    /** Proves how far the sink has come; measures lag. */
    SYNC,
    /** Tables swapped (if its outcome is done): from here on, changes go inverse to the old table. */
    CUTOVER,
    /** Tables swapped back (if done): from here on, changes go forward to the new-schema table. */
    REVERT,
    /** The migration no longer wants changes applied. */
    STOP,
    /**
     * A checksum's position: the sink holds the partition here (as at a pending swap) until the
     * coordinator has opened its snapshot of the table the sink writes; the route stays as it was.
     */
    CHECKSUM;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MarkerKind fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** A swap marker's direction is settled only by its outcome. */
    public boolean isSwap() {
        return this == CUTOVER || this == REVERT;
    }

    /** The sink holds its partition at such a marker until the coordinator settles its outcome. */
    public boolean holdsPartition() {
        return isSwap() || this == CHECKSUM;
    }
}
