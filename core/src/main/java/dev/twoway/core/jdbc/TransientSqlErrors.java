package dev.twoway.core.jdbc;

import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;
import java.util.Set;

/**
 * Which MySQL errors are worth a retry of the same work: the transaction lost a race or its
 * connection, not the data. The sink redelivers the batch; the coordinator retries the step
 * without counting the attempt. Everything else is about the data or the statement.
 */
public final class TransientSqlErrors {
    /** Lock wait timeout, deadlock, server gone away, lost connection, too many connections, query interrupted. */
    private static final Set<Integer> CODES = Set.of(1205, 1213, 2006, 2013, 1040, 1317, 1053);

    private TransientSqlErrors() {
    }

    public static boolean isTransient(SQLException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLTransientException || t instanceof SQLRecoverableException) {
                return true;
            }
            if (t instanceof SQLException sql && (CODES.contains(sql.getErrorCode()) || isConnectionState(sql))) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionState(SQLException e) {
        return e.getSQLState() != null && e.getSQLState().startsWith("08");
    }
}
