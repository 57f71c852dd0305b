package dev.twoway.it.support;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.twoway.core.state.TableNames;

/**
 * One line of the bad-input matrix: a connector's config (the harness's base config with these
 * options over it), the option the refusal must be on and words it must hold, or, for a case
 * that is deployed, the words of the failed state row. Some cases need a piece of state first (a
 * row under the id, a registered sink, a table an earlier run left), made by {@link #setUp} and
 * undone after. Immutable; the with-methods return a copy.
 */
public record MatrixCase(String name, Kind kind, Map<String, String> config, String option, String expected,
                         List<Setup> setups) {
    /** An option value meaning: leave the option out of the base config. */
    public static final String ABSENT = "\u0000absent";

    public enum Kind {
        /** Coordinator options, refused at validate. */
        COORDINATOR,
        /** A statement, refused at validate (on migration.ddl, unless another option is named). */
        STATEMENT,
        /** A statement deployed: the migration fails in its state row. */
        FAILING,
        SINK,
        SOURCE
    }

    /** State a case needs before it runs: SQL to make it, given the case's connector name and the database. */
    @FunctionalInterface
    public interface Setup {
        /** Makes the state; returns the statements that undo it. */
        List<String> apply(TestMySql mysql, String name, String database) throws SQLException;
    }

    public static MatrixCase coordinator(String name, Map<String, String> config, String option, String expected) {
        return new MatrixCase(name, Kind.COORDINATOR, config, option, expected, List.of());
    }

    public static MatrixCase statement(String name, String ddl, String expected) {
        return statement(name, ddl, "migration.ddl", expected);
    }

    public static MatrixCase statement(String name, String ddl, String option, String expected) {
        return new MatrixCase(name, Kind.STATEMENT, Map.of("migration.ddl", ddl), option, expected, List.of());
    }

    public static MatrixCase failing(String name, String ddl, String expected) {
        return new MatrixCase(name, Kind.FAILING, Map.of("migration.ddl", ddl), "message", expected, List.of());
    }

    public static MatrixCase sink(String name, Map<String, String> config, String option, String expected) {
        return new MatrixCase(name, Kind.SINK, config, option, expected, List.of());
    }

    public static MatrixCase source(String name, Map<String, String> config, String option, String expected) {
        return new MatrixCase(name, Kind.SOURCE, config, option, expected, List.of());
    }

    public String connectorClass() {
        return switch (kind) {
            case COORDINATOR, STATEMENT, FAILING -> MigrationPipeline.COORDINATOR;
            case SINK -> MigrationPipeline.SINK;
            case SOURCE -> MigrationPipeline.SOURCE;
        };
    }

    public boolean deployed() {
        return kind == Kind.FAILING;
    }

    /** A row under the case's migration id, with this statement and state. */
    public MatrixCase withRow(String ddl, String state) {
        return with((mysql, id, db) -> {
            insertRow(mysql, id, db, ddl, state);
            return List.of("DELETE FROM `_twoway`.`migrations` WHERE migration_id = '" + id + "'");
        });
    }

    /** Another migration holding the table (state ready). */
    public MatrixCase heldBy(String ddl) {
        return with((mysql, id, db) -> {
            insertRow(mysql, id + "-holder", db, ddl, "ready");
            return List.of("DELETE FROM `_twoway`.`migrations` WHERE migration_id = '" + id + "-holder'");
        });
    }

    /** A running sink (registered now) subscribed to every topic, whose user holds {@code grant}. */
    public MatrixCase registeringSink(String grant) {
        return with((mysql, id, db) -> {
            mysql.execute("INSERT INTO `_twoway`.`sinks` (connector, topics_regex, db_user, grants) VALUES ('" + id
                    + "-sink', '.*', 'x@%', '" + grant.replace("\\", "\\\\").replace("'", "''") + "')");
            return List.of("DELETE FROM `_twoway`.`sinks` WHERE connector = '" + id + "-sink'");
        });
    }

    /** The old table an earlier run under the id left beside {@code table} (its row deleted). */
    public MatrixCase withOldTable(String table) {
        return with((mysql, id, db) -> leftBehind(mysql, db, table, TableNames.old(table, id)));
    }

    /** The retired table an earlier run under the id left beside {@code table}. */
    public MatrixCase withHoldTable(String table) {
        return with((mysql, id, db) -> leftBehind(mysql, db, table, TableNames.hold(table, id, Instant.now())));
    }

    /** Makes the case's state; returns the statements that undo it, in order. */
    public List<String> setUp(TestMySql mysql, String connectorName, String database) throws SQLException {
        List<String> undo = new ArrayList<>();
        for (Setup setup : setups) {
            undo.addAll(setup.apply(mysql, connectorName, database));
        }
        return undo;
    }

    private MatrixCase with(Setup setup) {
        List<Setup> all = new ArrayList<>(setups);
        all.add(setup);
        return new MatrixCase(name, kind, config, option, expected, List.copyOf(all));
    }

    private static List<String> leftBehind(TestMySql mysql, String db, String table, String name) throws SQLException {
        String qualified = "`" + db + "`.`" + name + "`";
        mysql.execute("CREATE TABLE " + qualified + " LIKE `" + db + "`.`" + table + "`",
                "INSERT INTO " + qualified + " SELECT * FROM `" + db + "`.`" + table + "`");
        return List.of("DROP TABLE IF EXISTS " + qualified);
    }

    private static void insertRow(TestMySql mysql, String id, String db, String ddl, String state) throws SQLException {
        try (var c = mysql.connect(); var s = c.prepareStatement("INSERT INTO `_twoway`.`migrations` (migration_id, "
                + "table_schema, table_name, ddl, state, stage, shadow_table, old_table, column_map, message) VALUES "
                + "(?, ?, 'users', ?, ?, ?, ?, ?, '[]', ?)")) {
            s.setString(1, id);
            s.setString(2, db);
            s.setString(3, ddl);
            s.setString(4, state);
            s.setString(5, state);
            s.setString(6, TableNames.shadow("users", id));
            s.setString(7, TableNames.old("users", id));
            s.setString(8, "failed".equals(state) ? "an earlier failure" : null);
            s.executeUpdate();
        }
    }
}
