package dev.twoway.coordinator.cutover;

import java.sql.SQLException;

import dev.twoway.coordinator.sidecar.Tables;
import dev.twoway.core.Sql;

/**
 * The sentry: a one-column table under the swap's parking name (the old table's for a cut-over,
 * the shadow's for a revert) that makes a premature {@code RENAME t TO parking} fail. Told apart
 * from a real table by its only column ({@link Tables#SENTRY_COLUMN}).
 */
public final class SentryTable {
    public static final String COLUMN = Tables.SENTRY_COLUMN;

    private SentryTable() {
    }

    public static String createSql(String schema, String name) {
        return "CREATE TABLE " + Sql.qualified(schema, name) + " (" + Sql.quote(COLUMN)
                + " INT NOT NULL PRIMARY KEY) COMMENT 'twoway cut-over sentry'";
    }

    /** The tables say the swap happened: the incoming table's name is gone and a real table is parked. */
    public static boolean swapped(Tables tables, SwapPlan plan) throws SQLException {
        String schema = plan.schema();
        return !tables.exists(schema, plan.incoming()) && tables.exists(schema, plan.table())
                && tables.holdsRealTable(schema, plan.parking());
    }
}
