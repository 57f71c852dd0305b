package dev.twoway.coordinator.sidecar;

import java.sql.SQLException;

/**
 * The few things the steps ask of and do to the migrated database's tables outside the copy and
 * the locked swap: whether a name is taken, whether it is a sentry, a drop, a rename. Names are
 * always quoted. {@link MySqlTables} in service, an in-memory fake in unit tests.
 */
public interface Tables {
    /** The only column of a sentry table: what tells it apart from a real one. */
    String SENTRY_COLUMN = "twoway_sentry";

    boolean exists(String schema, String table) throws SQLException;

    /** Whether the table exists and is a sentry (its only column is {@link #SENTRY_COLUMN}). */
    boolean isSentry(String schema, String table) throws SQLException;

    /** {@code DROP TABLE IF EXISTS}. */
    void drop(String schema, String table) throws SQLException;

    /** {@code RENAME TABLE from TO to}, within one database. */
    void rename(String schema, String from, String to) throws SQLException;

    /** Drops the table if it is a sentry; true when it did. */
    default boolean dropIfSentry(String schema, String table) throws SQLException {
        if (!isSentry(schema, table)) {
            return false;
        }
        drop(schema, table);
        return true;
    }

    /** Whether a real table (not a sentry) has the name. */
    default boolean holdsRealTable(String schema, String table) throws SQLException {
        return exists(schema, table) && !isSentry(schema, table);
    }
}
