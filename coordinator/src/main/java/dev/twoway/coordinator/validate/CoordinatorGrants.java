package dev.twoway.coordinator.validate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.Sql;
import dev.twoway.core.jdbc.GrantSet;

/**
 * Whether the coordinator's MySQL user holds the README's grants, named privilege by privilege:
 * on the table's database what the shadow, the copy, the lock and the swap take, on the sidecar
 * what its rows take. A user without them passed validate and then retried its first step on
 * "Access denied" (for an odd twoway.database, say). Only reads.
 */
public final class CoordinatorGrants {
    static final List<String> TABLE = List.of("SELECT", "INSERT", "UPDATE", "CREATE", "ALTER", "DROP", "LOCK TABLES");
    static final List<String> SIDECAR = List.of("CREATE", "SELECT", "INSERT", "UPDATE", "DELETE");

    private CoordinatorGrants() {
    }

    public static List<String> problems(Connection c, String sidecar, String database) throws SQLException {
        GrantSet grants = GrantSet.current(c);
        List<String> problems = new ArrayList<>();
        missing(grants, database, TABLE, "the migrated table's database").ifPresent(problems::add);
        missing(grants, sidecar, SIDECAR, "the sidecar database").ifPresent(problems::add);
        return problems;
    }

    /**
     * A deploy request of several members reads which table its RENAME waits for from
     * {@code performance_schema.metadata_locks} (see the cut-over's hand-over); asked by trying, as
     * a table-level grant is what a user usually gets for it.
     */
    public static Optional<String> metadataLocksProblem(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM performance_schema.metadata_locks LIMIT 0").close();
            return Optional.empty();
        }
        catch (SQLException e) {
            if (e.getErrorCode() != 1142 && e.getErrorCode() != 1044) {
                throw e;
            }
            return Optional.of("cannot read performance_schema.metadata_locks, which a deploy request of several "
                    + "statements needs at its cut-over (it hands each table to the RENAME in turn): GRANT SELECT ON "
                    + "performance_schema.metadata_locks to it (see the README's grants)");
        }
    }

    /**
     * A forced cut-over kills other users' connections, which takes {@code CONNECTION_ADMIN} (or
     * the deprecated {@code SUPER}), and finds them in {@code performance_schema.metadata_locks} and
     * {@code threads}; each lack in words, for {@code option}.
     */
    public static List<String> forceProblems(Connection c, String option) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (!GrantSet.current(c).holdsGlobally(List.of("CONNECTION_ADMIN", "SUPER"))) {
            problems.add("lacks CONNECTION_ADMIN, which " + option + " needs to kill the connections blocking a "
                    + "cut-over: GRANT CONNECTION_ADMIN ON *.* to it (see the README's grants), or set " + option
                    + " to 0");
        }
        for (String table : List.of("metadata_locks", "threads")) {
            if (!readable(c, "performance_schema." + table)) {
                problems.add("cannot read performance_schema." + table + ", which " + option + " needs to find the "
                        + "connections blocking a cut-over: GRANT SELECT ON performance_schema." + table
                        + " to it (see the README's grants)");
            }
        }
        return problems;
    }

    private static boolean readable(Connection c, String table) throws SQLException {
        try (java.sql.Statement s = c.createStatement()) {
            s.executeQuery("SELECT 1 FROM " + table + " LIMIT 0").close();
            return true;
        }
        catch (SQLException e) {
            if (e.getErrorCode() != 1142 && e.getErrorCode() != 1044) {
                throw e;
            }
            return false;
        }
    }

    private static Optional<String> missing(GrantSet grants, String database, List<String> needed,
                                                      String what) {
        List<String> missing = grants.missingOn(database, needed);
        if (missing.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("lacks " + String.join(", ", missing) + " on " + what + " " + Sql.quote(database)
                + ": GRANT " + String.join(", ", needed) + " ON " + Sql.quote(database.replace("_", "\\_")
                .replace("%", "\\%")) + ".* to it (see the README's grants)");
    }
}
