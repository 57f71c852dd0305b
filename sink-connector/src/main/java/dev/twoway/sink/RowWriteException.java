package dev.twoway.sink;

import java.sql.SQLException;

/**
 * MySQL refused a batch of row changes. Keeps MySQL's SQLState and error code (so transient
 * errors stay recognisable) and the first change of the batch (so the caller knows the route).
 */
public final class RowWriteException extends SQLException {
    private final transient RowChange change;

    public RowWriteException(String message, SQLException cause, RowChange change) {
        super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        this.change = change;
    }

    /** The first change of the refused batch. */
    public RowChange change() {
        return change;
    }
}
