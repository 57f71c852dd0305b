package dev.twoway.smt;

import org.apache.kafka.connect.errors.DataException;

/**
 * A marker row that has no topic to go to: which marker and migration it is (either may be null
 * when the row lacks them) and why. Its caller decides what a lost marker costs: the source task
 * drops it and has the coordinator fail that one migration, rather than fail the stream of every
 * table.
 */
public class UnroutableMarkerException extends DataException {
    private final String markerId;
    private final String migrationId;

    public UnroutableMarkerException(String markerId, String migrationId, String reason, Throwable cause) {
        super("marker " + markerId + " of migration '" + migrationId + "' cannot be routed to its table's topic: " + reason,
                cause);
        this.markerId = markerId;
        this.migrationId = migrationId;
    }

    public String markerId() {
        return markerId;
    }

    public String migrationId() {
        return migrationId;
    }
}
