package dev.twoway.coordinator.validate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationStore;

/** Other migrations that hold a table (one migration of a table at a time), as refusals. Reads only. */
final class TableHolders {
    private TableHolders() {
    }

    static List<String> refusals(Connection c, String sidecar, String schema, String table, String migrationId)
            throws SQLException {
        List<String> problems = new ArrayList<>();
        for (MigrationRow other : new MigrationStore(sidecar).holding(c, schema, table)) {
            if (!other.migrationId().equals(migrationId)) {
                problems.add("table " + schema + "." + table + " is held by migration '" + other.migrationId()
                        + "' (state " + other.state().wireName() + "); only one migration of a table at a time");
            }
        }
        return problems;
    }
}
