package dev.twoway.coordinator.sidecar;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import dev.twoway.core.Sql;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.schema.TableSchema;

/** {@link Tables} on MySQL, on the reconciler's main connection (or one connection given). */
public final class MySqlTables implements Tables {
    private final MainConnection connection;

    public MySqlTables(MainConnection connection) {
        this.connection = connection;
    }

    /** On {@code connection} alone (a step that holds its own). */
    public MySqlTables(Connection connection) {
        this(() -> connection);
    }

    private Connection c() throws SQLException {
        return connection.get();
    }

    @Override
    public boolean exists(String schema, String table) throws SQLException {
        return new TableInspector(c()).exists(schema, table);
    }

    @Override
    public boolean isSentry(String schema, String table) throws SQLException {
        Optional<TableSchema> read = new TableInspector(c()).read(schema, table);
        return read.isPresent() && read.get().columns().size() == 1
                && read.get().columns().get(0).name().equalsIgnoreCase(SENTRY_COLUMN);
    }

    @Override
    public void drop(String schema, String table) throws SQLException {
        execute("DROP TABLE IF EXISTS " + Sql.qualified(schema, table));
    }

    @Override
    public void rename(String schema, String from, String to) throws SQLException {
        execute("RENAME TABLE " + Sql.qualified(schema, from) + " TO " + Sql.qualified(schema, to));
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = c().createStatement()) {
            s.execute(sql);
        }
    }
}
