package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

import dev.twoway.coordinator.reconcile.Target;
import dev.twoway.coordinator.validate.MigrationValidation;
import dev.twoway.core.jdbc.ConnectionConfig;
import dev.twoway.core.state.SidecarLimits;
import dev.twoway.core.Version;

/**
 * One migration: validates its statement, then hands everything to exactly one task, whose
 * reconciler builds the shadow, copies, keeps in sync and cuts over. The connector itself only
 * copies config and validates.
 */
public class TwowayMigrationConnector extends SourceConnector {
    static final String VERSION = Version.get();

    private Map<String, String> props;

    @Override
    public void start(Map<String, String> props) {
        new MigrationConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return TwowayMigrationTask.class;
    }

    /** Exactly one task, whatever tasks.max says: two reconcilers of one migration would race. */
    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Map<String, String> task = new HashMap<>(props);
        task.put(MigrationConfig.ID, MigrationConfig.migrationId(props));
        return List.of(task);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return MigrationConfig.CONFIG_DEF;
    }

    @Override
    public String version() {
        return VERSION;
    }

    /**
     * ConfigDef validation and the migration id's length, then the refusals that need no writes,
     * as errors on migration.ddl (and on migration.id for a row that exists under it). A new
     * migration is refused when sinks run but none is subscribed to its table's topic, or one that
     * is lacks a grant on its database; with no sink running at all (the connectors deployed at
     * once, or the sink down) it is accepted, and its row says what it waits for.
     */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = new HashMap<>();
        config.configValues().forEach(v -> values.put(v.name(), v));
        ConfigValue id = values.get(MigrationConfig.ID);
        if (id != null && id.errorMessages().isEmpty()) {
            SidecarLimits.migrationIdProblem(MigrationConfig.ID, MigrationConfig.migrationId(connectorConfigs))
                    .ifPresent(id::addErrorMessage);
        }
        ConfigValue ddl = values.get(MigrationConfig.DDL);
        if (ddl == null || !ddl.errorMessages().isEmpty()) {
            return config;
        }
        boolean connectable = config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!connectable) {
            MigrationValidation.statementProblems(connectorConfigs.get(MigrationConfig.DDL))
                    .forEach(ddl::addErrorMessage);
            return config;
        }
        validateAgainstDatabase(connectorConfigs, ddl, values.get(MigrationConfig.TARGET),
                values.get(ConnectionConfig.HOSTNAME), id, values.get(ConnectionConfig.USER));
        return config;
    }

    /** The statement's refusals as errors on migration.ddl; a target the row refuses as one on migration.target. */
    private static void validateAgainstDatabase(Map<String, String> props, ConfigValue ddl, ConfigValue target,
                                                ConfigValue host, ConfigValue id, ConfigValue user) {
        MigrationConfig config = new MigrationConfig(props);
        List<String> statementProblems = MigrationValidation.statementProblems(config.ddl());
        if (!statementProblems.isEmpty()) {
            statementProblems.forEach(ddl::addErrorMessage);
            return;
        }
        try (Connection c = config.connection().connect()) {
            MigrationValidation.Result result = new MigrationValidation(config.sidecar())
                    .check(c, config.ddl(), MigrationConfig.migrationId(props));
            result.problems().forEach(ddl::addErrorMessage);
            DeploymentChecks.check(c, config, MigrationConfig.migrationId(props), result, ddl, id, user);
            if (config.target() == Target.REVERTED && target.errorMessages().isEmpty()) {
                new MigrationValidation(config.sidecar()).revertRefusal(c, MigrationConfig.migrationId(props))
                        .ifPresent(target::addErrorMessage);
            }
            else if (target.errorMessages().isEmpty()) {
                new MigrationValidation(config.sidecar()).targetRefusal(c, MigrationConfig.migrationId(props),
                        config.target()).ifPresent(target::addErrorMessage);
            }
        }
        catch (SQLException e) {
            host.addErrorMessage("cannot check the migration against MySQL at " + config.connection().address()
                    + " as " + config.connection().user() + ": " + e.getMessage());
        }
    }
}
