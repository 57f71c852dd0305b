package dev.twoway.coordinator.validate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;


import dev.twoway.coordinator.source.Coverage;
import dev.twoway.coordinator.source.SourceRegistry;
import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.DdlException;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.schema.TableSchema;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationStore;

/**
 * The refusals that need no writes, all reported at once: the statement (parsed and judged by
 * its allow-list), the table, its engine, its keys, its foreign keys, its triggers, its CHECK
 * constraints, other migrations holding it, and no source that would stream its changes (see
 * {@code SourceCoverage}). Called from the connector's {@code validate()} and again by the task
 * before it creates anything. Once the migration has its row, a later validate() judges the
 * statement only: the table's rules were judged at admission, and the table live by then may be
 * the new schema. Only reads.
 */
public final class MigrationValidation {
    private final String sidecar;

    public MigrationValidation(String sidecar) {
        this.sidecar = sidecar;
    }

    /** What was found: the statement and table when they could be read, and every problem. */
    public record Result(AlterStatement statement, TableSchema table, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public String message() {
            return String.join("; ", problems);
        }
    }

    /** The statement alone, without a database: every reason it cannot be run (none when it can). */
    public static List<String> statementProblems(String ddl) {
        try {
            AlterStatement.parse(ddl, null);
            return List.of();
        }
        catch (DdlException e) {
            return e.problems();
        }
    }

    public Result check(Connection c, String ddl, String migrationId) throws SQLException {
        AlterStatement statement;
        try {
            statement = AlterStatement.parse(ddl, null);
        }
        catch (DdlException e) {
            return new Result(null, null, e.problems());
        }
        Optional<String> ineligible = TableEligibility.problem(sidecar, statement.schema(), statement.table());
        if (ineligible.isPresent()) {
            return new Result(statement, null, List.of(ineligible.get()));
        }
        TableInspector inspector = new TableInspector(c);
        String name = statement.schema() + "." + statement.table();
        Optional<TableSchema> table = inspector.read(statement.schema(), statement.table());
        if (table.isEmpty()) {
            return new Result(statement, null, List.of("table " + name + " does not exist"));
        }
        List<String> problems = new ArrayList<>();
        if (table.get().rowIdentifyingKeys().isEmpty()) {
            problems.add("table " + name + " has no primary key and no NOT NULL unique key; twoway needs one to "
                    + "copy it in order and to apply changes by key");
        }
        List<String> foreignKeys = inspector.foreignKeys(statement.schema(), statement.table());
        if (!foreignKeys.isEmpty()) {
            problems.add("table " + name + " has foreign keys on or to it, which a RENAME swap would break: "
                    + String.join(", ", foreignKeys));
        }
        if (!admitted(c, inspector, migrationId)) {
            problems.addAll(TableRefusals.of(inspector, statement, migrationId));
        }
        problems.addAll(holders(c, inspector, statement, migrationId));
        Coverage stream = new SourceRegistry(sidecar).admission(c, statement.schema(), statement.table());
        if (stream.refusesMigration()) {
            problems.add(stream.reason());
        }
        return new Result(statement, table.get(), List.copyOf(problems));
    }

    /**
     * Why {@code migration.target=reverted} is refused for this migration, if it is: the refusal the
     * reconciler would write in the row, or that there is no migration to revert yet.
     */
    public Optional<String> revertRefusal(Connection c, String migrationId) throws SQLException {
        Optional<MigrationRow> row = new TableInspector(c).exists(sidecar, "migrations")
                ? new MigrationStore(sidecar).find(c, migrationId) : Optional.empty();
        if (row.isEmpty()) {
            return Optional.of(RevertRefusal.message("there is no migration '" + migrationId + "' yet; "
                    + "only a complete migration can be reverted"));
        }
        return RevertRefusal.reason(row.get(), Instant.now()).map(RevertRefusal::message);
    }

    /**
     * Whether the migration has its row: its table was judged when it was admitted, and the table
     * live now may be the new schema (a revert's validate() must not judge the statement against it).
     */
    private boolean admitted(Connection c, TableInspector inspector, String migrationId) throws SQLException {
        return inspector.exists(sidecar, "migrations") && new MigrationStore(sidecar).find(c, migrationId).isPresent();
    }

    private List<String> holders(Connection c, TableInspector inspector, AlterStatement statement, String migrationId)
            throws SQLException {
        if (!inspector.exists(sidecar, "migrations")) {
            return List.of();
        }
        return TableHolders.refusals(c, sidecar, statement.schema(), statement.table(), migrationId);
    }
}
