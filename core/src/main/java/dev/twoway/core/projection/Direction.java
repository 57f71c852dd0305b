package dev.twoway.core.projection;

/** Which way a record is projected: old schema to new (forward) or new to old (inverse). */
public enum Direction {
    FORWARD, INVERSE;

    public String wireName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static Direction fromWireName(String name) {
        return valueOf(name.toUpperCase(java.util.Locale.ROOT));
    }
}
