package dev.twoway.coordinator;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.common.config.types.Password;

import dev.twoway.coordinator.throttle.ReplicaLag;
import dev.twoway.coordinator.throttle.ThrottleSettings;
import dev.twoway.core.jdbc.ConnectionSettings;

/** The {@code migration.throttle.*} options: what holds the copy, and their checks at validate time. */
final class ThrottleConfig {
    static final String GROUP = "Throttle";
    static final String PAUSED = "migration.throttle.paused";
    static final String PAUSED_DOC = "Holds the copy (and the deferred index build) between two chunks, as long as "
            + "it is true: the state row's stage says 'copy throttled: paused by the operator'. Set it back to false "
            + "with PUT /connectors/{name}/config and the copy resumes where it stopped.";
    static final String THREADS_RUNNING = "migration.throttle.threads.running";
    static final String THREADS_RUNNING_DOC = "Holds the copy while the server's Threads_running "
            + "(performance_schema.global_status) is above this; the copy's own statements count too. 0 (the "
            + "default): not watched, since the figure a server bears depends on its cores and its load; a few times "
            + "its cores is a common choice (gh-ost's --max-load).";
    static final String SINK_LAG_MS = "migration.throttle.sink.lag.ms";
    static final String SINK_LAG_MS_DOC = "Holds the copy while the sink is further behind the table than this, "
            + "measured by a sync marker per check: a stream falling behind makes the cut-over's catch-up long. "
            + "0: not watched.";
    static final String REPLICAS = "migration.throttle.replicas";
    static final String REPLICAS_DOC = "Replicas whose lag holds the copy, as JDBC URLs separated by commas, e.g. "
            + "jdbc:mysql://replica1:3306/. The lag is read from performance_schema."
            + "replication_applier_status_by_worker (the age of the transactions its workers apply), which the "
            + "replica user must be able to SELECT. Each is read once at validate time.";
    static final String REPLICA_USER = "migration.throttle.replica.user";
    static final String REPLICA_USER_DOC = "The MySQL user reading the replicas' lag. Default: the coordinator's "
            + "user and password.";
    static final String REPLICA_PASSWORD = "migration.throttle.replica.password";
    static final String REPLICA_PASSWORD_DOC = "The password of migration.throttle.replica.user.";
    static final String REPLICA_LAG_MS = "migration.throttle.replica.lag.ms";
    static final String REPLICA_LAG_MS_DOC = "Holds the copy while a replica of migration.throttle.replicas is further "
            + "behind than this; a replica that cannot be read holds it too, with the reason in the stage.";
    static final String CHECK_MS = "migration.throttle.check.ms";
    static final String CHECK_MS_DOC = "How often the watched figures are read while copying.";
    static final String MIN_PAUSE_MS = "migration.throttle.min.pause.ms";
    static final String MIN_PAUSE_MS_DOC = "Once held, the copy waits at least this long before it resumes, even if "
            + "the figures fall back at once: its own statements push them up again, and it would flap chunk by chunk.";
    static final long SINK_LAG_MS_DEFAULT = 60_000L;
    static final long REPLICA_LAG_MS_DEFAULT = 10_000L;
    static final long CHECK_MS_DEFAULT = 1_000L;
    static final long MIN_PAUSE_MS_DEFAULT = 2_000L;

    private ThrottleConfig() {
    }

    static ConfigDef define(ConfigDef def) {
        int order = 0;
        def.define(PAUSED, Type.BOOLEAN, false, Importance.MEDIUM, PAUSED_DOC, GROUP, ++order, Width.SHORT, "Paused");
        def.define(THREADS_RUNNING, Type.LONG, 0L, Range.between(0L, 100_000L), Importance.MEDIUM,
                THREADS_RUNNING_DOC, GROUP, ++order, Width.SHORT, "Threads_running limit");
        def.define(SINK_LAG_MS, Type.LONG, SINK_LAG_MS_DEFAULT, Range.between(0L, 86_400_000L), Importance.LOW,
                SINK_LAG_MS_DOC, GROUP, ++order, Width.SHORT, "Sink lag limit (ms)");
        def.define(REPLICAS, Type.LIST, "", REPLICA_URLS, Importance.MEDIUM, REPLICAS_DOC, GROUP, ++order,
                Width.LONG, "Replicas");
        def.define(REPLICA_USER, Type.STRING, "", Importance.LOW, REPLICA_USER_DOC, GROUP, ++order, Width.MEDIUM,
                "Replica user");
        def.define(REPLICA_PASSWORD, Type.PASSWORD, "", Importance.LOW, REPLICA_PASSWORD_DOC, GROUP, ++order,
                Width.MEDIUM, "Replica password");
        def.define(REPLICA_LAG_MS, Type.LONG, REPLICA_LAG_MS_DEFAULT, Range.between(1L, 86_400_000L), Importance.MEDIUM,
                REPLICA_LAG_MS_DOC, GROUP, ++order, Width.SHORT, "Replica lag limit (ms)");
        def.define(CHECK_MS, Type.LONG, CHECK_MS_DEFAULT, Range.between(100L, 60_000L), Importance.LOW, CHECK_MS_DOC,
                GROUP, ++order, Width.SHORT, "Check interval (ms)");
        def.define(MIN_PAUSE_MS, Type.LONG, MIN_PAUSE_MS_DEFAULT, Range.between(0L, 600_000L), Importance.LOW,
                MIN_PAUSE_MS_DOC, GROUP, ++order, Width.SHORT, "Shortest pause (ms)");
        return def;
    }

    /** Every URL a MySQL JDBC URL with a host: the driver would not take another. */
    static final ConfigDef.Validator REPLICA_URLS = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            @SuppressWarnings("unchecked")
            List<String> urls = (List<String>) value;
            for (String url : urls) {
                String rest = url.startsWith("jdbc:mysql://") ? url.substring("jdbc:mysql://".length()) : null;
                if (rest == null || rest.isEmpty() || rest.startsWith("/") || rest.startsWith(":")) {
                    throw new ConfigException(name, url, "not a MySQL JDBC URL with a host: expected "
                            + "jdbc:mysql://<host>[:<port>]/[?<options>]");
                }
            }
        }

        @Override
        public String toString() {
            return "JDBC URLs jdbc:mysql://<host>[:<port>]/, separated by commas";
        }
    };

    static ThrottleSettings settings(AbstractConfig config, ConnectionSettings connection) {
        String user = config.getString(REPLICA_USER);
        Password password = config.getPassword(REPLICA_PASSWORD);
        boolean own = user == null || user.isBlank();
        return new ThrottleSettings(config.getBoolean(PAUSED), config.getLong(THREADS_RUNNING),
                config.getLong(SINK_LAG_MS), config.getList(REPLICAS), own ? connection.user() : user.trim(),
                own ? connection.password() : password == null ? "" : password.value(), config.getLong(REPLICA_LAG_MS),
                config.getLong(CHECK_MS), config.getLong(MIN_PAUSE_MS));
    }

    /**
     * At validate time, each replica read once: an error on {@code migration.throttle.replicas} for
     * one that cannot be reached or read, so that no copy starts held by a typo.
     */
    static void checkReplicas(Map<String, ConfigValue> values, ThrottleSettings settings) {
        ConfigValue replicas = values.get(REPLICAS);
        if (replicas == null || !replicas.errorMessages().isEmpty()) {
            return;
        }
        List<String> problems = new ArrayList<>();
        for (String url : settings.replicas()) {
            try (ReplicaLag lag = new ReplicaLag(url, settings.replicaUser(), settings.replicaPassword())) {
                lag.read();
            }
            catch (SQLException e) {
                problems.add("cannot read the replication lag of replica " + url + " as " + settings.replicaUser()
                        + ": " + e.getMessage());
            }
        }
        problems.forEach(replicas::addErrorMessage);
    }
}
