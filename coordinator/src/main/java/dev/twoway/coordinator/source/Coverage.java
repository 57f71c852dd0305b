package dev.twoway.coordinator.source;

/**
 * Whether a table's changes stream, as the registered sources tell, and why not.
 *
 * <ul>
 * <li>{@link Kind#STREAMED}: a source that captures it streams and knows its schema;
 * <li>{@link Kind#WAITING}: not now (a source that captures it is starting, stopped or failed, or
 *     none is registered at all);
 * <li>{@link Kind#UNCAPTURED}: sources run and none captures it;
 * <li>{@link Kind#UNKNOWN_SCHEMA}: the source that captures it has no schema for it, and skips its changes;
 * <li>{@link Kind#SHARED_TOPIC}: another table's changes go to the same topic (Debezium's naming
 *     replaced the characters that tell them apart), and the sink would apply them to this one.
 * </ul>
 */
public record Coverage(Kind kind, String reason) {
    public enum Kind { STREAMED, WAITING, UNCAPTURED, UNKNOWN_SCHEMA, SHARED_TOPIC }

    /** As things are configured, the table's changes will never stream: a new migration is refused. */
    public boolean refusesMigration() {
        return kind == Kind.UNCAPTURED || kind == Kind.UNKNOWN_SCHEMA || kind == Kind.SHARED_TOPIC;
    }

    static Coverage streamed() {
        return new Coverage(Kind.STREAMED, null);
    }

    static Coverage waiting(String reason) {
        return new Coverage(Kind.WAITING, reason);
    }

    static Coverage uncaptured(String reason) {
        return new Coverage(Kind.UNCAPTURED, reason);
    }

    static Coverage sharedTopic(String reason) {
        return new Coverage(Kind.SHARED_TOPIC, reason);
    }

    static Coverage unknownSchema(String reason) {
        return new Coverage(Kind.UNKNOWN_SCHEMA, reason);
    }
}
