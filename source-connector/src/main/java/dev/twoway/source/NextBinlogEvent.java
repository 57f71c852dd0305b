package dev.twoway.source;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Optional;
import java.util.regex.Pattern;

import dev.twoway.core.Sql;

/**
 * The binlog event at a position, in words ({@code SHOW BINLOG EVENTS}, which the source's
 * REPLICATION SLAVE privilege allows): when Debezium's reader dies, the event at the position it
 * stopped at is the one it could not process, and naming it is the most useful thing a message
 * can do. Only reads.
 */
final class NextBinlogEvent {
    static final int MAX_INFO = 400;
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]+");

    private NextBinlogEvent() {
    }

    /** "Query at binlog.000006:1234: CREATE DEFINER=…", or empty when it cannot be read. */
    static Optional<String> at(Connection c, String file, long position) {
        if (file == null || position < 4 || !FILE_NAME.matcher(file).matches()) {
            return Optional.empty();
        }
        // SHOW BINLOG EVENTS takes no parameters; the name is checked above, the position is a number.
        String sql = "SHOW BINLOG EVENTS IN " + Sql.literal(file) + " FROM " + position + " LIMIT 1";
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            if (!rs.next()) {
                return Optional.empty();
            }
            String info = rs.getString("Info");
            if (info != null && info.length() > MAX_INFO) {
                info = info.substring(0, MAX_INFO) + "… (" + info.length() + " characters)";
            }
            return Optional.of(rs.getString("Event_type") + " at " + file + ":" + position + ": " + info);
        }
        catch (SQLException e) {
            return Optional.empty();
        }
    }
}
