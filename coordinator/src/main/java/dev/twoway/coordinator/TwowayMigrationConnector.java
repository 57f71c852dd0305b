package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.SourceConnector;

import dev.twoway.coordinator.reconcile.Target;
import dev.twoway.coordinator.validate.MemberIds;
import dev.twoway.coordinator.validate.RequestValidation;
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
        if (id != null && MigrationConfig.migrationId(connectorConfigs) == null) {
            // Connect's validate endpoint passes a name only when the config holds one; every check
            // below is of a migration, which has no id yet.
            id.addErrorMessage("no migration id: set the connector's name, or migration.id, to name the migration");
            return config;
        }
        if (id != null && id.errorMessages().isEmpty()) {
            idProblem(MigrationConfig.migrationId(connectorConfigs), connectorConfigs.get(MigrationConfig.DDL))
                    .ifPresent(id::addErrorMessage);
        }
        ConfigValue ddl = values.get(MigrationConfig.DDL);
        if (ddl == null || !ddl.errorMessages().isEmpty()) {
            return config;
        }
        boolean connectable = config.configValues().stream().allMatch(v -> v.errorMessages().isEmpty());
        if (!connectable) {
            RequestValidation.statementProblems(connectorConfigs.get(MigrationConfig.DDL))
                    .forEach(ddl::addErrorMessage);
            return config;
        }
        validateAgainstDatabase(connectorConfigs, ddl, values.get(MigrationConfig.TARGET),
                values.get(ConnectionConfig.HOSTNAME), id, values.get(ConnectionConfig.USER),
                values.get(MigrationConfig.FORCE_AFTER_MS));
        ThrottleConfig.checkReplicas(values, new MigrationConfig(connectorConfigs).throttle());
        return config;
    }

    /**
     * The id as the sidecar keeps it: within its length with room for the members' {@code /<n>}, and
     * without a {@code /} of its own (a member's id, {@code <request id>/<n>}, must be no other's).
     */
    private static Optional<String> idProblem(String requestId, String ddl) {
        if (requestId == null) {
            return Optional.empty();
        }
        if (requestId.contains("/")) {
            return Optional.of("migration.id '" + requestId + "' holds a '/': the members of a deploy request are "
                    + "named <migration.id>/<n>, so an id of its own cannot hold one");
        }
        int members = ddl == null ? 1 : Math.max(1, RequestValidation.memberTexts(ddl).size());
        Optional<String> tooLong = SidecarLimits.migrationIdProblem(MigrationConfig.ID, requestId);
        if (tooLong.isPresent() || members == 1) {
            return tooLong;
        }
        String longest = MemberIds.of(requestId, members, members);
        return SidecarLimits.migrationIdProblem(MigrationConfig.ID, longest).map(p -> "the id of the request's member "
                + members + " (" + longest.length() + " characters) is too long: " + p);
    }

    /** The statement's refusals as errors on migration.ddl; a target the row refuses (a revert, a re-apply, a cancel or ready past the cut-over) as one on migration.target. */
    private static void validateAgainstDatabase(Map<String, String> props, ConfigValue ddl, ConfigValue target,
                                                ConfigValue host, ConfigValue id, ConfigValue user,
                                                ConfigValue force) {
        MigrationConfig config = new MigrationConfig(props);
        List<String> statementProblems = RequestValidation.statementProblems(config.ddl());
        if (!statementProblems.isEmpty()) {
            statementProblems.forEach(ddl::addErrorMessage);
            return;
        }
        try (Connection c = config.connection().connect()) {
            RequestValidation.Result result = new RequestValidation(config.sidecar())
                    .check(c, config.ddl(), MigrationConfig.migrationId(props));
            result.problems().forEach(ddl::addErrorMessage);
            DeploymentChecks.check(c, config, MigrationConfig.migrationId(props), result, ddl, id, user, force);
            if (target.errorMessages().isEmpty()) {
                RequestValidation requests = new RequestValidation(config.sidecar());
                String requestId = MigrationConfig.migrationId(props);
                Optional<String> refusal = switch (config.target()) {
                    case REVERTED -> requests.revertRefusal(c, requestId);
                    case COMPLETE -> requests.reapplyRefusal(c, requestId);
                    case CANCELLED, READY -> requests.targetRefusal(c, requestId, config.target());
                };
                refusal.ifPresent(target::addErrorMessage);
            }
        }
        catch (SQLException e) {
            host.addErrorMessage("cannot check the migration against MySQL at " + config.connection().address()
                    + " as " + config.connection().user() + ": " + e.getMessage());
        }
    }
}
