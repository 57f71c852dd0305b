package dev.twoway.stack;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * {@code ./twoway mysql status} for a server named by TWOWAY_MYSQL_URL when no mysql client
 * is at hand: prints the version and the settings twoway depends on. Exit 0 when reachable,
 * 3 when not. The JDBC driver comes from the launcher's class path, not from the stack's.
 */
public final class MySqlStatus {
    private static final String QUERY = "SELECT @@version, @@gtid_mode, @@enforce_gtid_consistency,"
            + " @@log_bin, @@binlog_format, @@binlog_row_image";

    private MySqlStatus() {
    }

    public static void main(String[] args) {
        String url = System.getenv("TWOWAY_MYSQL_URL");
        String user = orDefault(System.getenv("TWOWAY_MYSQL_USER"), "root");
        String password = orDefault(System.getenv("TWOWAY_MYSQL_PASSWORD"), "");
        if (url == null || url.isBlank()) {
            System.err.println("mysql: TWOWAY_MYSQL_URL is not set");
            System.exit(2);
        }
        try (Connection c = DriverManager.getConnection(url, user, password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(QUERY)) {
            rs.next();
            System.out.printf("running: MySQL %s, gtid_mode=%s, enforce_gtid_consistency=%s, log_bin=%s,"
                    + " binlog_format=%s, binlog_row_image=%s%n",
                    rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(6));
            System.out.println(url + " (user " + user + ")");
        }
        catch (SQLException e) {
            System.err.println("mysql: cannot reach " + url + " as " + user + ": " + e.getMessage());
            System.exit(3);
        }
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
