package dev.twoway.coordinator;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

import dev.twoway.core.Sql;
import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.schema.TableSchema;

/** Creates and drops the new-schema copy of a table (the shadow, or the scratch check under its name). Writes DDL. */
public final class ShadowTableBuilder {
    private final Connection connection;

    public ShadowTableBuilder(Connection connection) {
        this.connection = connection;
    }

    /**
     * {@code CREATE TABLE name LIKE t}, then the statement's change on it; returns the new
     * definition. When MySQL refuses the change the half-made table is dropped and the error thrown.
     */
    public TableSchema create(AlterStatement statement, String name) throws SQLException {
        String schema = statement.schema();
        execute("CREATE TABLE " + Sql.qualified(schema, name) + " LIKE " + Sql.qualified(schema, statement.table()));
        try {
            execute(statement.appliedTo(schema, name));
        }
        catch (SQLException e) {
            dropQuietly(schema, name);
            throw e;
        }
        return new TableInspector(connection).read(schema, name)
                .orElseThrow(() -> new SQLException("table " + schema + "." + name + " vanished after it was created"));
    }

    public void drop(String schema, String name) throws SQLException {
        execute("DROP TABLE IF EXISTS " + Sql.qualified(schema, name));
    }

    public boolean exists(String schema, String name) throws SQLException {
        return new TableInspector(connection).exists(schema, name);
    }

    private void dropQuietly(String schema, String name) {
        try {
            drop(schema, name);
        }
        catch (SQLException ignored) {
            // the ALTER's error is the one to report
        }
    }

    /** In the server's time zone, as the user's own ALTER would run: a TIMESTAMP default is read in it. */
    private void execute(String sql) throws SQLException {
        SessionZone.inServerZone(connection, () -> {
            try (Statement s = connection.createStatement()) {
                return s.execute(sql);
            }
        });
    }

    /** Whether an error says MySQL refused the statement, rather than that the connection broke. */
    public static boolean isRefusal(SQLException e) {
        String state = e.getSQLState();
        return !(e instanceof java.sql.SQLTransientException) && !(e instanceof java.sql.SQLRecoverableException)
                && (state == null || !state.startsWith("08"));
    }
}
