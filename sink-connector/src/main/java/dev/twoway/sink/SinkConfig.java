package dev.twoway.sink;

import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;

import dev.twoway.core.jdbc.ConnectionConfig;
import dev.twoway.core.jdbc.ConnectionSettings;

/**
 * The sink's options: the shared MySQL connection options plus how the sink batches, waits at
 * swap markers and backs off. Declared once here; the connector and its tasks parse the same map.
 */
public final class SinkConfig extends AbstractConfig {
    public static final String GROUP = "Sink";

    public static final String SWAP_POLL_MS = "sink.swap.poll.ms";
    public static final String SWAP_POLL_MS_DOC = "How often a task holding a topic partition at a cutover or revert "
            + "marker (the coordinator has yet to settle the swap) checks the marker's outcome. The partition is paused "
            + "meanwhile and every other partition flows; it is read again from the marker once the swap is settled.";
    public static final long SWAP_POLL_MS_DEFAULT = 20L;

    public static final String BATCH_MAX_ROWS = "sink.batch.max.rows";
    public static final String BATCH_MAX_ROWS_DOC = "Most rows one multi-row INSERT or DELETE statement carries.";
    public static final int BATCH_MAX_ROWS_DEFAULT = 500;

    public static final String RETRY_BACKOFF_MS = "sink.retry.backoff.ms";
    public static final String RETRY_BACKOFF_MS_DOC = "How long Connect waits before redelivering a batch that "
            + "failed on a transient MySQL error (deadlock, lock wait timeout, lost connection).";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 1_000L;

    /** Connect's subscription options, read as given (the sink registers them for the coordinator). */
    public static final String TOPICS = "topics";
    public static final String TOPICS_REGEX = "topics.regex";

    /** Connect puts the connector's name into every config it hands out; tasks key their progress by it. */
    public static final String CONNECTOR_NAME = "name";

    /** A new definition of every option (Connect may enrich what it gets, so each caller gets its own). */
    public static ConfigDef configDef() {
        return ConnectionConfig.define(new ConfigDef())
                .define(SWAP_POLL_MS, Type.LONG, SWAP_POLL_MS_DEFAULT, ConfigDef.Range.between(1, 10_000), Importance.LOW,
                        SWAP_POLL_MS_DOC, GROUP, 1, ConfigDef.Width.SHORT, "Swap poll (ms)")
                .define(BATCH_MAX_ROWS, Type.INT, BATCH_MAX_ROWS_DEFAULT, ConfigDef.Range.between(1, 10_000),
                        Importance.LOW, BATCH_MAX_ROWS_DOC, GROUP, 2, ConfigDef.Width.SHORT, "Rows per statement")
                .define(RETRY_BACKOFF_MS, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, ConfigDef.Range.atLeast(0),
                        Importance.LOW, RETRY_BACKOFF_MS_DOC, GROUP, 3, ConfigDef.Width.SHORT, "Retry backoff (ms)");
    }

    private final String connectorName;

    public SinkConfig(Map<String, String> props) {
        super(configDef(), props);
        String name = props.get(CONNECTOR_NAME);
        this.connectorName = name == null || name.isBlank() ? "twoway-sink" : name;
    }

    public ConnectionSettings connection() {
        return ConnectionConfig.settings(this);
    }

    public String sidecarDatabase() {
        return getString(ConnectionConfig.SIDECAR);
    }

    /** The key of this connector's rows in {@code sink_progress}. */
    public String connectorName() {
        return connectorName;
    }

    public long swapPollMs() {
        return getLong(SWAP_POLL_MS);
    }

    public int batchMaxRows() {
        return getInt(BATCH_MAX_ROWS);
    }

    public long retryBackoffMs() {
        return getLong(RETRY_BACKOFF_MS);
    }
}
