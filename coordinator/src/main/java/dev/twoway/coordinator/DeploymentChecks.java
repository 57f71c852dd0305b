package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;

import org.apache.kafka.common.config.ConfigValue;

import dev.twoway.coordinator.reconcile.Target;
import dev.twoway.coordinator.sidecar.SinkCoverage;
import dev.twoway.coordinator.validate.CoordinatorGrants;
import dev.twoway.coordinator.validate.ExistingMigration;
import dev.twoway.coordinator.validate.MigrationValidation;

/**
 * The deployment's refusals beyond the statement, for the connector's {@code validate()}: the
 * coordinator's grants (on database.user), a row under the migration id that forbids this
 * deployment (on migration.id), and, for a new migration, the sinks that would serve it (on
 * migration.ddl). Only reads.
 */
final class DeploymentChecks {
    private DeploymentChecks() {
    }

    static void check(Connection c, MigrationConfig config, String migrationId, MigrationValidation.Result result,
                      ConfigValue ddl, ConfigValue id, ConfigValue user) throws SQLException {
        String sidecar = config.sidecar();
        if (result.statement() != null) {
            for (String problem : CoordinatorGrants.problems(c, sidecar, result.statement().schema())) {
                user.addErrorMessage("MySQL user " + config.connection().user() + " " + problem);
            }
        }
        ExistingMigration.problem(c, sidecar, migrationId, config.ddl()).ifPresent(id::addErrorMessage);
        if (result.ok() && config.target() != Target.CANCELLED && !ExistingMigration.exists(c, sidecar, migrationId)) {
            SinkCoverage.Verdict sinks = SinkCoverage.of(c, sidecar, result.statement().schema(),
                    result.statement().table());
            if (sinks.refuses()) {
                sinks.problems().forEach(ddl::addErrorMessage);
            }
        }
    }
}
