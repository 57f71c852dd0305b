package dev.twoway.coordinator.throttle;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Reads {@code Threads_running}, the statements the server executes at this instant, from
 * {@code performance_schema.global_status} (readable by every user: no grant needed). It is the
 * figure gh-ost's {@code --max-load} defaults to: it rises as soon as the writers queue up behind
 * the copy, well before their latency shows anywhere else. Only reads.
 */
public final class ServerLoad {
    static final String WHAT = "Threads_running";

    private ServerLoad() {
    }

    public static long threadsRunning(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT VARIABLE_VALUE FROM performance_schema.global_status "
                + "WHERE VARIABLE_NAME = 'Threads_running'"); ResultSet rs = s.executeQuery()) {
            if (!rs.next()) {
                throw new SQLException("performance_schema.global_status has no Threads_running (is "
                        + "performance_schema off?)");
            }
            return rs.getLong(1);
        }
    }
}
