package dev.twoway.coordinator.step;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import dev.twoway.core.Sql;
import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.CheckNamePlan;
import dev.twoway.core.ddl.CreateTableText;
import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.schema.TableSchema;

/**
 * Creates and drops the new-schema copy of a table (the shadow, or the scratch check under its
 * name). Writes DDL: only texts rebuilt from a parse, never a user's raw text.
 *
 * <p>Not {@code CREATE TABLE ... LIKE}: that renames and renumbers CHECK constraints (check
 * names are unique in a database), and the table after the swap would not have MySQL's names.
 * The shadow is the table's own {@code SHOW CREATE TABLE} under the shadow's name, its checks
 * named by {@link CheckNamePlan}, then the statement, its check names translated the same way.
 */
public final class ShadowTableBuilder {
    private final Connection connection;

    public ShadowTableBuilder(Connection connection) {
        this.connection = connection;
    }

    /**
     * Builds {@code name} beside the statement's table and applies the change to it; returns the
     * new definition. When MySQL refuses the change the half-made table is dropped and the error
     * thrown; a check the shadow cannot carry is a {@code DdlException}, before anything is created.
     */
    public TableSchema create(AlterStatement statement, String name) throws SQLException {
        // The server's time zone, as the user's own ALTER would run: SHOW CREATE TABLE prints a
        // TIMESTAMP default in the session's zone and CREATE TABLE reads it back in it.
        SessionZone.inServerZone(connection, () -> build(statement, name));
        return new TableInspector(connection).read(statement.schema(), name).orElseThrow(() ->
                new SQLException("table " + statement.schema() + "." + name + " vanished after it was created"));
    }

    private Void build(AlterStatement statement, String name) throws SQLException {
        String schema = statement.schema();
        try (LexicalSession lexical = LexicalSession.hold(connection)) {
            CreateTableText definition = CreateTableText.parse(showCreate(schema, statement.table()));
            CheckNamePlan checks = new CheckNamePlan(statement.table(), name, definition.checkNames(),
                    statement.checkChanges());
            String create = definition.renamed(schema, name, checks::onTarget);
            execute(create);
            try {
                execute(statement.appliedTo(schema, name, checks::inStatement));
            }
            catch (SQLException e) {
                dropQuietly(schema, name);
                throw e;
            }
        }
        return null;
    }

    public void drop(String schema, String name) throws SQLException {
        execute("DROP TABLE IF EXISTS " + Sql.qualified(schema, name));
    }

    public boolean exists(String schema, String name) throws SQLException {
        return new TableInspector(connection).exists(schema, name);
    }

    private String showCreate(String schema, String table) throws SQLException {
        try (Statement s = connection.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE TABLE " + Sql.qualified(schema, table))) {
            if (!rs.next()) {
                throw new SQLException("SHOW CREATE TABLE " + schema + "." + table + " returned nothing");
            }
            return rs.getString(2);
        }
    }

    private void dropQuietly(String schema, String name) {
        try {
            drop(schema, name);
        }
        catch (SQLException ignored) {
            // the ALTER's error is the one to report
        }
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }

    /** Whether an error says MySQL refused the statement, rather than that the connection broke. */
    public static boolean isRefusal(SQLException e) {
        String state = e.getSQLState();
        return !(e instanceof java.sql.SQLTransientException) && !(e instanceof java.sql.SQLRecoverableException)
                && (state == null || !state.startsWith("08"));
    }
}
