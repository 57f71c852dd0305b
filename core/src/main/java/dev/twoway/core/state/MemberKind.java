package dev.twoway.core.state;

import java.util.Locale;

/**
 * What a member of a deploy request does to its table ({@code migrations.kind}): changes it
 * (a shadow copied and kept in sync both ways), creates it (built under a staging name, renamed in
 * by the cut-over) or drops it (renamed to a parked name by the cut-over, retired when the revert
 * window closes). Only an ALTER has a stream the sink applies.
 */
public enum MemberKind {
    ALTER,
    CREATE,
    DROP;

    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A row an older twoway wrote has no kind: it is an ALTER. */
    public static MemberKind fromWireName(String name) {
        return name == null || name.isBlank() ? ALTER : valueOf(name.trim().toUpperCase(Locale.ROOT));
    }

    /** The sink applies the table's changes (to the shadow, then to the old table). */
    public boolean streamed() {
        return this == ALTER;
    }
}
