package dev.twoway.coordinator.validate;

import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.CheckNamePlan;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.TableNames;

/**
 * What about an existing table twoway refuses to carry, besides its keys: an engine other than
 * InnoDB, triggers, and CHECK constraints whose names a swap cannot keep. Reads the table,
 * decides nothing else.
 */
final class TableRefusals {
    private TableRefusals() {
    }

    static List<String> of(TableInspector inspector, AlterStatement statement, String migrationId) throws SQLException {
        String schema = statement.schema();
        String table = statement.table();
        String name = schema + "." + table;
        List<String> problems = new ArrayList<>();
        Optional<String> engine = inspector.engine(schema, table);
        if (engine.isPresent() && !engine.get().equalsIgnoreCase("InnoDB")) {
            problems.add("table " + name + " uses ENGINE=" + engine.get() + "; twoway carries InnoDB tables only: the "
                    + "sink commits each batch of rows with its progress in one transaction, which other engines cannot");
        }
        List<String> triggers = inspector.triggers(schema, table);
        if (!triggers.isEmpty()) {
            problems.add("table " + name + " has triggers (" + String.join(", ", triggers) + "), which twoway does not "
                    + "carry: trigger names are unique in a database, so carrying them takes a DROP TRIGGER and a "
                    + "CREATE TRIGGER inside the cut-over window besides the RENAME, which a coordinator crash could "
                    + "leave half done, and the old table, kept in sync in reverse after the cut-over, must not fire "
                    + "them. Drop the triggers for the migration and create them again once it is finalized");
        }
        String shadow = TableNames.shadow(table, migrationId);
        problems.addAll(new CheckNamePlan(table, shadow, inspector.checkConstraints(schema, table),
                statement.checkChanges()).problems(schema, List.of(shadow, TableNames.old(table, migrationId),
                TableNames.hold(table, migrationId, Instant.now()))));
        return problems;
    }
}
