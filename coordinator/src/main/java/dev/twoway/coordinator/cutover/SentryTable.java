package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;

import dev.twoway.core.Sql;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.schema.TableSchema;

/**
 * The sentry: a one-column table under the swap's parking name (the old table's for a cut-over,
 * the shadow's for a revert) that makes a premature {@code RENAME t TO parking} fail. Told apart
 * from a real table by its only column.
 */
public final class SentryTable {
    public static final String COLUMN = "twoway_sentry";

    private SentryTable() {
    }

    public static String createSql(String schema, String name) {
        return "CREATE TABLE " + Sql.qualified(schema, name) + " (" + Sql.quote(COLUMN)
                + " INT NOT NULL PRIMARY KEY) COMMENT 'twoway cut-over sentry'";
    }

    public static boolean isSentry(Connection c, String schema, String name) throws SQLException {
        Optional<TableSchema> table = new TableInspector(c).read(schema, name);
        return table.isPresent() && table.get().columns().size() == 1
                && table.get().columns().get(0).name().equalsIgnoreCase(COLUMN);
    }

    /** Drops the table if it is a sentry; true when it did. */
    public static boolean dropIfSentry(Connection c, String schema, String name) throws SQLException {
        if (!isSentry(c, schema, name)) {
            return false;
        }
        try (Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS " + Sql.qualified(schema, name));
        }
        return true;
    }

    /** The tables say the swap happened: the incoming table's name is gone and a real table is parked. */
    public static boolean swapped(Connection c, SwapPlan plan) throws SQLException {
        TableInspector inspector = new TableInspector(c);
        String schema = plan.schema();
        return !inspector.exists(schema, plan.incoming()) && inspector.exists(schema, plan.table())
                && inspector.exists(schema, plan.parking()) && !isSentry(c, schema, plan.parking());
    }
}
