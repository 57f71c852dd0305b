package dev.twoway.coordinator.validate;

/**
 * The migration id of each member of a deploy request: the request's own id for a request of one
 * (so a single statement is exactly what it always was), else {@code <request id>/<position>}. A
 * Connect name cannot hold a {@code /} (it is a path segment of the REST API), so no other
 * connector's default id is a member's.
 */
public final class MemberIds {
    private MemberIds() {
    }

    public static String of(String requestId, int position, int members) {
        return members == 1 ? requestId : requestId + "/" + position;
    }

    /** How many characters the longest member id adds to the request's id. */
    public static int suffixLength(int members) {
        return members == 1 ? 0 : 1 + String.valueOf(members).length();
    }
}
