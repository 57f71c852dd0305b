package dev.twoway.coordinator;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.CheckNamePlan;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.TableNames;

/**
 * What about an existing table twoway refuses to carry, besides its keys: CHECK constraints
 * whose names a swap cannot keep ({@link CheckNamePlan} decides). Reads the table.
 */
final class TableRefusals {
    private TableRefusals() {
    }

    static List<String> of(TableInspector inspector, AlterStatement statement, String migrationId) throws SQLException {
        String schema = statement.schema();
        String table = statement.table();
        List<String> problems = new ArrayList<>();
        String shadow = TableNames.shadow(table, migrationId);
        problems.addAll(new CheckNamePlan(table, shadow, inspector.checkConstraints(schema, table),
                statement.checkChanges()).problems(schema, List.of(shadow, TableNames.old(table, migrationId),
                TableNames.hold(table, migrationId, Instant.now()))));
        return problems;
    }
}
