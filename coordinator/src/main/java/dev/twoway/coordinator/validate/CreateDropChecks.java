package dev.twoway.coordinator.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.ddl.DeployStatement;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.MigrationStore;

/**
 * The refusals of a CREATE TABLE or DROP TABLE member that need the database, all at once: a
 * table twoway never touches ({@link TableEligibility}); for a CREATE, a database that exists, a
 * name nothing has (no table, no view), a LIKE source that exists and is InnoDB; for a DROP, a
 * table that exists, InnoDB (MySQL renames InnoDB tables atomically, crash-safe, and no other
 * engine), without foreign keys on or to it (a RENAME would carry them to the parked table, where
 * MySQL's DROP refuses or drops them); for both, no other migration holding the name. Once the
 * member has its row, the table's rules were judged at admission and the names may have changed
 * hands (the created table is live, the dropped one parked): only eligibility is judged. Only reads.
 */
final class CreateDropChecks {
    private final String sidecar;

    CreateDropChecks(String sidecar) {
        this.sidecar = sidecar;
    }

    List<String> problems(Connection c, DeployStatement statement, String migrationId) throws SQLException {
        Optional<String> ineligible = TableEligibility.problem(sidecar, statement.schema(), statement.table());
        if (ineligible.isPresent()) {
            return List.of(ineligible.get());
        }
        TableInspector inspector = new TableInspector(c);
        boolean haveRows = inspector.exists(sidecar, "migrations");
        if (haveRows && new MigrationStore(sidecar).find(c, migrationId).isPresent()) {
            return List.of();
        }
        List<String> problems = switch (statement.kind()) {
            case CREATE -> create(c, inspector, statement);
            case DROP -> drop(inspector, statement);
            case ALTER -> throw new IllegalArgumentException("an ALTER is MigrationValidation's");
        };
        if (haveRows) {
            problems.addAll(holders(c, statement, migrationId));
        }
        return problems;
    }

    private List<String> create(Connection c, TableInspector inspector, DeployStatement statement) throws SQLException {
        List<String> problems = new ArrayList<>();
        String name = statement.schema() + "." + statement.table();
        if (!databaseExists(c, statement.schema())) {
            problems.add("database " + statement.schema() + " does not exist: CREATE TABLE " + name + " creates a table, "
                    + "not a database");
            return problems;
        }
        if (inspector.exists(statement.schema(), statement.table())) {
            problems.add("table " + name + " exists (a table or a view has the name): CREATE TABLE makes a new table");
        }
        Optional<String> like = statement.create().likeTable();
        if (like.isPresent()) {
            String source = statement.schema() + "." + like.get();
            Optional<String> engine = inspector.engine(statement.schema(), like.get());
            TableEligibility.problem(sidecar, statement.schema(), like.get()).ifPresent(problems::add);
            if (!inspector.exists(statement.schema(), like.get())) {
                problems.add("table " + source + ", which LIKE copies, does not exist");
            }
            else if (engine.isEmpty() || !engine.get().equalsIgnoreCase("InnoDB")) {
                problems.add("table " + source + ", which LIKE copies, is not an InnoDB table (" + engine.orElse("a view")
                        + "); twoway creates InnoDB tables only");
            }
        }
        return problems;
    }

    private static List<String> drop(TableInspector inspector, DeployStatement statement) throws SQLException {
        List<String> problems = new ArrayList<>();
        String name = statement.schema() + "." + statement.table();
        if (!inspector.exists(statement.schema(), statement.table())) {
            problems.add("table " + name + " does not exist");
            return problems;
        }
        Optional<String> engine = inspector.engine(statement.schema(), statement.table());
        if (engine.isEmpty()) {
            problems.add(name + " is a view: DROP TABLE drops tables");
        }
        else if (!engine.get().equalsIgnoreCase("InnoDB")) {
            problems.add("table " + name + " uses ENGINE=" + engine.get() + "; twoway drops InnoDB tables only: the "
                    + "cut-over parks the table with a RENAME, which MySQL makes atomic (crash-safe) for InnoDB alone");
        }
        List<String> foreignKeys = inspector.foreignKeys(statement.schema(), statement.table());
        if (!foreignKeys.isEmpty()) {
            problems.add("table " + name + " has foreign keys on or to it, which the RENAME that parks it would carry "
                    + "to the parked table (MySQL's DROP TABLE refuses a table other tables refer to): "
                    + String.join(", ", foreignKeys));
        }
        return problems;
    }

    private List<String> holders(Connection c, DeployStatement statement, String migrationId) throws SQLException {
        return TableHolders.refusals(c, sidecar, statement.schema(), statement.table(), migrationId);
    }

    private static boolean databaseExists(Connection c, String schema) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?")) {
            s.setString(1, schema);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }
}
