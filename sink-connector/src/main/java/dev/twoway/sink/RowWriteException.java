package dev.twoway.sink;

import java.sql.SQLException;
import java.util.List;

/**
 * MySQL refused a batch of row changes. Keeps MySQL's SQLState and error code (so transient
 * errors stay recognisable) and the changes of the batch (so the caller knows the route, and can
 * write them again one by one).
 */
public final class RowWriteException extends SQLException {
    private final transient List<RowChange> changes;

    public RowWriteException(String message, SQLException cause, List<RowChange> changes) {
        super(message, cause.getSQLState(), cause.getErrorCode(), cause);
        this.changes = List.copyOf(changes);
    }

    /** The first change of the refused batch. */
    public RowChange change() {
        return changes.get(0);
    }

    /** Every change of the refused batch not written yet, in the order they were to be written (MySQL rolled the failed statement back). */
    public List<RowChange> changes() {
        return changes;
    }
}
