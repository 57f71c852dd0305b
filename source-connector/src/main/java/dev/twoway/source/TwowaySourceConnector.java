package dev.twoway.source;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;

import io.debezium.config.Configuration;
import io.debezium.connector.binlog.jdbc.BinlogConnectorConnection;
import io.debezium.connector.mysql.MySqlConnector;
import dev.twoway.core.Version;
import dev.twoway.core.state.SidecarLimits;

/**
 * twoway's source: Debezium's MySQL connector with the settings twoway relies on filled in and
 * the server checked before anything runs.
 *
 * <p>It extends {@link MySqlConnector} rather than asking users to configure Debezium by hand:
 * Debezium's task, offsets, metrics and operational knobs stay exactly as documented, while the
 * defaults of {@link SourceDefaults} (no data snapshot, a short poll interval, the markers table
 * always captured, the schema history kept in MySQL) cannot be got wrong, and {@link #validate}
 * refuses a server whose binlog cannot carry twoway (see {@link BinlogPrerequisites}) with a
 * message that says what to change. A user value always wins over a default.
 */
public class TwowaySourceConnector extends MySqlConnector {
    public static final String SIDECAR_DATABASE_DOC = "The sidecar database where twoway keeps its state;"
            + " its markers table is always captured.";

    private static final String HOSTNAME = "database.hostname";

    @Override
    public void start(Map<String, String> props) {
        super.start(SourceDefaults.apply(props));
    }

    /**
     * The configuration the connector runs with for {@code props}: twoway's defaults under the
     * user's values (for tools such as the README's generated option reference).
     */
    public static Map<String, String> effectiveConfig(Map<String, String> props) {
        return SourceDefaults.apply(props);
    }

    /** twoway's version (the Debezium it wraps is pinned by the build: see the README). */
    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TwowaySourceTask.class;
    }

    @Override
    public ConfigDef config() {
        return new ConfigDef(super.config()).define(SourceDefaults.SIDECAR_DATABASE, Type.STRING,
                SourceDefaults.SIDECAR_DATABASE_DEFAULT, Importance.MEDIUM, SIDECAR_DATABASE_DOC);
    }

    /** Debezium's validation of the configuration with twoway's defaults, then the binlog prerequisites. */
    @Override
    public Config validate(Map<String, String> props) {
        Map<String, String> effective = SourceDefaults.apply(props);
        Config config = super.validate(effective);
        if (config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty())) {
            config.configValues().stream().filter(v -> HOSTNAME.equals(v.name())).findFirst()
                    .ifPresent(hostname -> checkBinlog(effective, hostname));
        }
        config.configValues().add(sidecarDatabase(effective));
        addMissingValues(config, effective);
        return config;
    }

    /**
     * Gives every option of {@link #config()} a value in the result: Debezium leaves some internal
     * ones out, and Connect then reports them with no value at all, which REST clients trip over.
     */
    private void addMissingValues(Config config, Map<String, String> props) {
        Set<String> present = config.configValues().stream().map(ConfigValue::name).collect(Collectors.toSet());
        for (String name : config().names()) {
            if (!present.contains(name)) {
                config.configValues().add(new ConfigValue(name, props.get(name), List.of(), new ArrayList<>()));
            }
        }
    }

    private void checkBinlog(Map<String, String> props, ConfigValue hostname) {
        Configuration configuration = Configuration.from(props);
        String server = props.get(HOSTNAME) + ":" + props.getOrDefault("database.port", "3306");
        try (BinlogConnectorConnection connection = createConnection(configuration, createConnectorConfig(configuration))) {
            connection.connect();
            List<String> problems = BinlogPrerequisites.problems(server, BinlogSettingsReader.read(connection));
            problems.forEach(hostname::addErrorMessage);
        }
        catch (SQLException e) {
            hostname.addErrorMessage("Cannot read gtid_mode, binlog_format and binlog_row_image of MySQL at "
                    + server + ": " + e.getMessage());
        }
    }

    private static ConfigValue sidecarDatabase(Map<String, String> props) {
        String name = SourceDefaults.sidecarDatabase(props);
        ConfigValue value = new ConfigValue(SourceDefaults.SIDECAR_DATABASE, name, List.of(), new ArrayList<>());
        SidecarLimits.databaseProblem(SourceDefaults.SIDECAR_DATABASE, name).ifPresent(value::addErrorMessage);
        // The schema history's rows are keyed by the connector's name.
        SidecarLimits.connectorNameProblem(props.get(SourceDefaults.NAME)).ifPresent(value::addErrorMessage);
        return value;
    }
}
