package dev.twoway.coordinator.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

import dev.twoway.core.Sql;

/**
 * The first line of a migration's {@code message} while its table's changes do not stream:
 * {@value #PREFIX} and why. It leads whatever else the message says (a cut-over's last failure, a
 * revert refusal) and goes when the stream is back; other writers may replace the whole message,
 * and the notice is put back at the next check. Only this class writes it.
 */
public final class StreamNotice {
    public static final String PREFIX = "stream: ";

    private final String table;

    public StreamNotice(String sidecar) {
        this.table = Sql.qualified(sidecar, "migrations");
    }

    /** {@code message} with the notice set to {@code notice} (null: removed); null when nothing is left. */
    public static String compose(String message, String notice) {
        String rest = without(message);
        if (notice == null) {
            return rest;
        }
        return PREFIX + notice.replace('\n', ' ') + (rest == null ? "" : "\n" + rest);
    }

    /** {@code message} without the notice; null when nothing is left. */
    public static String without(String message) {
        if (message == null || !message.startsWith(PREFIX)) {
            return message == null || message.isEmpty() ? null : message;
        }
        int end = message.indexOf('\n');
        return end < 0 || end == message.length() - 1 ? null : message.substring(end + 1);
    }

    /**
     * Writes the notice when the message would change; guarded by the message read, so a message
     * another writer just set is not overwritten with a stale one (the next check sees it).
     */
    public void show(Connection c, String migrationId, String current, String notice) throws SQLException {
        String wanted = compose(current, notice);
        if (java.util.Objects.equals(wanted, current)) {
            return;
        }
        String sql = "UPDATE " + table + " SET message = ? WHERE migration_id = ? AND message <=> ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, wanted);
            s.setString(2, migrationId);
            s.setString(3, current);
            s.executeUpdate();
        }
    }
}
