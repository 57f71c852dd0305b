package dev.twoway.coordinator.checksum;

import java.util.List;

/**
 * What a table pair's checksum found: the rows and chunks compared, and the first rows that
 * differ (named by key; empty when the tables are equal). {@code note} says what a difference
 * could not name (a key whose type the statement changes is compared as one chunk).
 */
public record ChecksumResult(String table, String written, long rows, int chunks, List<String> differing,
                             String note, long millis) {

    public ChecksumResult {
        differing = List.copyOf(differing);
    }

    public boolean equal() {
        return differing.isEmpty() && note == null;
    }

    /** "shop.users and _users_new differ: first differing keys [7] (values differ), …". */
    public String mismatch() {
        return table + " and " + written + " differ" + (differing.isEmpty() ? "" : ": first differing keys "
                + String.join(", ", differing)) + (note == null ? "" : " (" + note + ")");
    }
}
