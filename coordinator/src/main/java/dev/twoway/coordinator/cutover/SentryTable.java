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

    /** The tables say the whole group's swap happened (its one RENAME is atomic: all members or none). */
    public static boolean swapped(Tables tables, SwapPlan plan) throws SQLException {
        for (SwapPlan.Member member : plan.members()) {
            if (!swapped(tables, member)) {
                return false;
            }
        }
        return true;
    }

    /**
     * The tables say the member's part happened: the incoming table's name is gone and the table
     * has its name (or, with nothing incoming, the name is free), and a real table is parked.
     */
    public static boolean swapped(Tables tables, SwapPlan.Member member) throws SQLException {
        String schema = member.schema();
        boolean arrived = member.incoming() == null ? !tables.exists(schema, member.table())
                : !tables.exists(schema, member.incoming()) && tables.exists(schema, member.table());
        return arrived && (member.parking() == null || tables.holdsRealTable(schema, member.parking()));
    }
}
