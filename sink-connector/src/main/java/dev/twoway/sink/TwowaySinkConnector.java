package dev.twoway.sink;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;
import dev.twoway.core.Version;
import dev.twoway.core.jdbc.ConnectionConfig;
import dev.twoway.core.state.SidecarLimits;
import dev.twoway.core.topic.Subscription;

/**
 * The projecting sink. It only copies its config to its tasks: all the work, and all the state,
 * is in {@link TwowaySinkTask} and the sidecar tables, so any task can take over any partition.
 */
public class TwowaySinkConnector extends SinkConnector {
    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new SinkConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TwowaySinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<Map<String, String>> configs = new ArrayList<>(maxTasks);
        for (int i = 0; i < maxTasks; i++) {
            configs.add(props);
        }
        return configs;
    }

    @Override
    public void stop() {
        // nothing held
    }

    @Override
    public ConfigDef config() {
        return SinkConfig.configDef();
    }

    /**
     * ConfigDef validation; what the sidecar must hold of the connector (its name, at most 255
     * characters); then, when MySQL can be reached, every grant its user lacks, on database.user.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        SidecarLimits.connectorNameProblem(connectorConfigs.get(SinkConfig.CONNECTOR_NAME)).ifPresent(problem ->
                value(config, SinkConfig.CONNECTOR_NAME).addErrorMessage(problem));
        if (config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            checkGrants(new SinkConfig(connectorConfigs), connectorConfigs, config);
        }
        return config;
    }

    private static void checkGrants(SinkConfig sink, Map<String, String> props, Config config) {
        ConfigValue user = value(config, ConnectionConfig.USER);
        try (Connection c = sink.connection().connect()) {
            for (String problem : SinkGrantsCheck.problems(c, sink.sidecarDatabase(), sink.connectorName(),
                    Subscription.of(props.get(SinkConfig.TOPICS), props.get(SinkConfig.TOPICS_REGEX)))) {
                user.addErrorMessage("MySQL user " + sink.connection().user() + " " + problem
                        + " (the README lists the sink's grants)");
            }
        }
        catch (SQLException e) {
            value(config, ConnectionConfig.HOSTNAME).addErrorMessage("cannot check the sink's grants against MySQL at "
                    + sink.connection().address() + " as " + sink.connection().user() + ": " + e.getMessage());
        }
    }

    /** The result's value of {@code name}, added when the connector's own definition has none (as for "name"). */
    static ConfigValue value(Config config, String name) {
        for (ConfigValue value : config.configValues()) {
            if (value.name().equals(name)) {
                return value;
            }
        }
        ConfigValue added = new ConfigValue(name);
        config.configValues().add(added);
        return added;
    }

    @Override
    public String version() {
        return Version.get();
    }
}
