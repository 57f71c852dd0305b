package dev.twoway.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.twoway.core.Sql;

/**
 * Flags a migration non-revertible with the reason, when the old table cannot hold an inverse
 * value (invariant 3: a lossy inverse fails loudly, never truncates). The state stays as it is;
 * the coordinator refuses a later revert by this flag.
 */
public final class RevertibilityStore {
    private final String table;

    public RevertibilityStore(String database) {
        this.table = Sql.qualified(database, "migrations");
    }

    /** Sets {@code revertible = 0} and {@code message}; the first reason recorded stays. */
    public void markNotRevertible(Connection c, String migrationId, String reason) throws SQLException {
        String sql = "UPDATE " + table + " SET revertible = 0, message = ? WHERE migration_id = ? AND revertible <> 0";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, reason);
            s.setString(2, migrationId);
            s.executeUpdate();
        }
    }
}
