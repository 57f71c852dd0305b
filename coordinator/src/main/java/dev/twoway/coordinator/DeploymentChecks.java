package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.Set;

import org.apache.kafka.common.config.ConfigValue;

import dev.twoway.coordinator.reconcile.Target;
import dev.twoway.coordinator.sidecar.SinkCoverage;
import dev.twoway.coordinator.validate.CoordinatorGrants;
import dev.twoway.coordinator.validate.ExistingMigration;
import dev.twoway.coordinator.validate.RequestValidation;
import dev.twoway.core.state.MemberKind;

/**
 * The deployment's refusals beyond the statements, for the connector's {@code validate()}: the
 * coordinator's grants on every member's database, and for a request of several the read of
 * {@code performance_schema.metadata_locks} (on database.user); with a forced cut-over, the
 * privilege to kill other users' connections (on migration.cutover.force.after.ms); rows under the id that forbid this
 * deployment (on migration.id); and, for a new request, the sinks that would serve each ALTER
 * member (on migration.ddl). Only reads.
 */
final class DeploymentChecks {
    private DeploymentChecks() {
    }

    static void check(Connection c, MigrationConfig config, String requestId, RequestValidation.Result result,
                      ConfigValue ddl, ConfigValue id, ConfigValue user, ConfigValue force) throws SQLException {
        String sidecar = config.sidecar();
        Set<String> grants = new LinkedHashSet<>();
        for (String schema : result.members().stream().map(m -> m.statement().schema()).distinct().toList()) {
            grants.addAll(CoordinatorGrants.problems(c, sidecar, schema));
        }
        if (result.members().size() > 1) {
            CoordinatorGrants.metadataLocksProblem(c).ifPresent(grants::add);
        }
        grants.forEach(problem -> user.addErrorMessage("MySQL user " + config.connection().user() + " " + problem));
        if (config.cutover().forces()) {
            CoordinatorGrants.forceProblems(c, MigrationConfig.FORCE_AFTER_MS).forEach(problem ->
                    force.addErrorMessage("MySQL user " + config.connection().user() + " " + problem));
        }
        ExistingMigration.problem(c, sidecar, requestId, config.ddl()).ifPresent(id::addErrorMessage);
        if (result.ok() && config.target() != Target.CANCELLED && !ExistingMigration.exists(c, sidecar, requestId)) {
            for (RequestValidation.Member member : result.members()) {
                if (member.statement().kind() != MemberKind.ALTER) {
                    continue;
                }
                SinkCoverage.Verdict sinks = SinkCoverage.of(c, sidecar, member.statement().schema(),
                        member.statement().table());
                if (sinks.refuses()) {
                    String where = result.members().size() == 1 ? "" : "statement " + member.statement().position()
                            + " (" + member.statement().describe() + "): ";
                    sinks.problems().forEach(p -> ddl.addErrorMessage(where + p));
                }
            }
        }
    }
}
