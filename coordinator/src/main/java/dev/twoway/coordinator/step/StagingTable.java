package dev.twoway.coordinator.step;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import dev.twoway.core.Sql;
import dev.twoway.core.ddl.CreateStatement;
import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.schema.TableInspector;

/**
 * Builds a CREATE TABLE member's table under its staging name (the member's {@code shadow_table}),
 * from the statement's text rebuilt from its tokens, as the user's own CREATE would run (the
 * server's time zone, MySQL's default lexical rules); the cut-over's RENAME brings it in. Also the
 * scratch run of admission: built, judged (InnoDB), dropped. Writes DDL.
 */
final class StagingTable {
    private final Connection connection;

    StagingTable(Connection connection) {
        this.connection = connection;
    }

    /** Creates {@code schema.name} from the statement; the reason when MySQL refuses it or it is not InnoDB (then nothing is left). */
    Optional<String> create(CreateStatement statement, String name) throws SQLException {
        drop(statement.schema(), name);
        try {
            SessionZone.inServerZone(connection, () -> {
                try (LexicalSession lexical = LexicalSession.hold(connection)) {
                    execute(statement.createdAs(statement.schema(), name));
                }
                return null;
            });
        }
        catch (SQLException e) {
            if (!ShadowTableBuilder.isRefusal(e)) {
                throw e;
            }
            drop(statement.schema(), name);
            return Optional.of("MySQL refuses the statement: " + e.getMessage());
        }
        Optional<String> engine = new TableInspector(connection).engine(statement.schema(), name);
        if (engine.isEmpty() || !engine.get().equalsIgnoreCase("InnoDB")) {
            drop(statement.schema(), name);
            return Optional.of("CREATE TABLE " + statement.schema() + "." + statement.table() + " makes a table of "
                    + "ENGINE=" + engine.orElse("?") + " (the server's default_storage_engine); twoway creates InnoDB "
                    + "tables only: give ENGINE=InnoDB");
        }
        return Optional.empty();
    }

    /** Admission's try: the reason MySQL would refuse the statement, if it would; nothing is left behind. */
    Optional<String> tryOnScratch(CreateStatement statement, String name) throws SQLException {
        try {
            return create(statement, name);
        }
        finally {
            drop(statement.schema(), name);
        }
    }

    void drop(String schema, String name) throws SQLException {
        execute("DROP TABLE IF EXISTS " + Sql.qualified(schema, name));
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
