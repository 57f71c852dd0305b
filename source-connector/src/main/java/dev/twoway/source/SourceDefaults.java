package dev.twoway.source;

import java.util.HashMap;
import java.util.Map;

import dev.twoway.smt.MarkerRouter;

/**
 * The settings twoway needs from Debezium, applied under the user's configuration (a value the
 * user gave always wins). Both {@link TwowaySourceConnector#start} and
 * {@link TwowaySourceConnector#validate} go through here, so what is validated is what runs.
 */
final class SourceDefaults {
    static final String NAME = "name";
    static final String TOPIC_PREFIX = "topic.prefix";
    static final String TOPIC_PREFIX_DEFAULT = "twoway";
    static final String SERVER_ID = "database.server.id";
    static final String SIDECAR_DATABASE = MarkerRouter.DATABASE;
    static final String SIDECAR_DATABASE_DEFAULT = MarkerRouter.DATABASE_DEFAULT;
    static final String SCHEMA_HISTORY = "schema.history.internal";

    private SourceDefaults() {
    }

    /** A copy of {@code props} with twoway's defaults filled in and the markers table captured. */
    static Map<String, String> apply(Map<String, String> props) {
        Map<String, String> out = new HashMap<>(props);
        out.putIfAbsent(TOPIC_PREFIX, TOPIC_PREFIX_DEFAULT);
        out.putIfAbsent(SERVER_ID, Long.toString(serverId(out.getOrDefault(NAME, out.get(TOPIC_PREFIX)))));
        // The coordinator copies rows inside the server; the stream only has to carry changes.
        out.putIfAbsent("snapshot.mode", "no_data");
        out.putIfAbsent("snapshot.locking.mode", "none");
        out.putIfAbsent("include.schema.changes", "false");
        // A cut-over holds a table lock until the sink has seen the marker, and Debezium hands a
        // batch over only when it is full or this interval has passed: keep it short.
        out.putIfAbsent("poll.interval.ms", "10");
        out.putIfAbsent(SCHEMA_HISTORY, MySqlTableSchemaHistory.class.getName());
        // A BIGINT UNSIGNED above 2^63 - 1 would arrive as a negative long ('long', Debezium's
        // default) and fail the sink; 'precise' carries every value exactly, as a decimal.
        out.putIfAbsent("bigint.unsigned.handling.mode", "precise");
        // Only the captured databases' DDL: their parked shadow tables are there too (a rename of a
        // shadow into the captured name needs its history), and other databases' churn cannot
        // fail the connector's start. Not only captured *tables*: the shadows are not captured.
        out.putIfAbsent(SCHEMA_HISTORY + ".store.only.captured.databases.ddl", "true");
        // Statements that never change a table are not parsed (see IgnoredDdl for the parse that kills streaming).
        out.putIfAbsent(IgnoredDdl.KEY, IgnoredDdl.filter());
        // A change event of a table whose schema Debezium never recorded (a database added to the
        // capture later: its older DDL is not in the history) is skipped with a warning instead of
        // failing the task on it at every restart: one table must not stop the stream of all the
        // others. The coordinator refuses a migration of such a table (see SourceCoverage).
        out.putIfAbsent("inconsistent.schema.handling.mode", "warn");
        MarkerCapture.apply(out, sidecarDatabase(out));
        return out;
    }

    static String sidecarDatabase(Map<String, String> props) {
        String database = props.get(SIDECAR_DATABASE);
        return database == null || database.isBlank() ? SIDECAR_DATABASE_DEFAULT : database;
    }

    /**
     * A replication client id derived from the connector's name: stable across restarts (so
     * MySQL sees the same replica come back) and, unlike a fixed default, different for two
     * connectors on one server, which MySQL requires. Stays well inside MySQL's 32-bit range.
     */
    static long serverId(String connectorName) {
        String name = connectorName == null ? TOPIC_PREFIX_DEFAULT : connectorName;
        return 1_000_000L + (name.hashCode() & 0x3fffffff) % 1_000_000_000L;
    }
}
