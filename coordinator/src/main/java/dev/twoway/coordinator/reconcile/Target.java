package dev.twoway.coordinator.reconcile;

import java.util.Locale;

/** Where the operator wants the migration to go ({@code migration.target}). */
public enum Target {
    /** Copy, keep in sync, cut over. */
    COMPLETE,
    /** Copy and keep in sync; do not cut over yet. */
    READY,
    /** Stop and remove what was built (only before the cut-over). */
    CANCELLED,
    /** Swap the old schema back in (from complete, within the revert window); complete again re-applies. */
    REVERTED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Target fromWireName(String name) {
        return valueOf(name.trim().toUpperCase(Locale.ROOT));
    }
}
