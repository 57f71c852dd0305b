package dev.twoway.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs statements that must commit together (a state change and its audit row) as one
 * transaction on a connection that is otherwise auto-commit.
 */
public final class InTransaction {
    private InTransaction() {
    }

    /** The statements; what they return is returned. */
    public interface Work<T> {
        T run() throws SQLException;
    }

    /**
     * On an auto-commit connection: begins, runs, commits, and restores auto-commit; rolls back
     * when anything fails. Inside a transaction the caller opened it only runs: the caller commits.
     */
    public static <T> T run(Connection c, Work<T> work) throws SQLException {
        if (!c.getAutoCommit()) {
            return work.run();
        }
        c.setAutoCommit(false);
        T result;
        try {
            result = work.run();
            c.commit();
        }
        catch (SQLException | RuntimeException e) {
            undo(c, e);
            throw e;
        }
        c.setAutoCommit(true);
        return result;
    }

    /** Rolls back and restores auto-commit; their own failures (a dead connection) ride on {@code cause}. */
    private static void undo(Connection c, Exception cause) {
        try {
            c.rollback();
        }
        catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
        try {
            c.setAutoCommit(true);
        }
        catch (SQLException | RuntimeException e) {
            cause.addSuppressed(e);
        }
    }
}
