package dev.twoway.core.state;

import java.util.Locale;

/** Where a migration stands; the words are those of the state table and the audit topic. */
public enum MigrationState {
    QUEUED, RUNNING, READY, COMPLETE, FAILED, CANCELLED, REVERTED, FINALIZED;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static MigrationState fromWireName(String name) {
        return valueOf(name.toUpperCase(Locale.ROOT));
    }

    /** A migration in one of these states holds its table: no other migration may start on it. */
    public boolean holdsTable() {
        return this == QUEUED || this == RUNNING || this == READY || this == COMPLETE || this == REVERTED;
    }

    public boolean isTerminal() {
        return this == FAILED || this == CANCELLED || this == FINALIZED;
    }
}
