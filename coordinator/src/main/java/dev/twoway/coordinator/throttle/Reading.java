package dev.twoway.coordinator.throttle;

/**
 * One figure of the server's pressure against its limit, e.g. {@code Threads_running} 64 against
 * 32, or why it could not be read ({@code error}, which counts as over the limit: a replica
 * nobody can read may be the one falling behind). Only holds.
 */
public record Reading(String what, long value, long limit, String unit, String error) {
    public static Reading of(String what, long value, long limit, String unit) {
        return new Reading(what, value, limit, unit, null);
    }

    public static Reading unreadable(String what, String error) {
        return new Reading(what, 0, 0, "", error);
    }

    public boolean over() {
        return error != null || value > limit;
    }

    /** E.g. {@code Threads_running 64 > 32} or {@code replica 127.0.0.1:3308 lag 7,200 ms > 5,000 ms}. */
    public String words() {
        if (error != null) {
            return what + " cannot be read: " + error;
        }
        String u = unit.isEmpty() ? "" : " " + unit;
        return String.format("%s %,d%s %s %,d%s", what, value, u, over() ? ">" : "<=", limit, u);
    }
}
