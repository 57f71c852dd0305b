package dev.twoway.core.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.SQLException;
import java.util.Properties;

/** Where and as whom to connect to MySQL; opens JDBC connections. */
public record ConnectionSettings(String host, int port, String user, String password, String sslMode) {
    private static final Driver DRIVER = newDriver();

    private static Driver newDriver() {
        try {
            return new com.mysql.cj.jdbc.Driver();
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot load the MySQL driver", e);
        }
    }

    /** The JDBC URL, without credentials. */
    public String url() {
        return "jdbc:mysql://" + host + ":" + port + "/?sslMode=" + sslMode.toUpperCase(java.util.Locale.ROOT)
                + "&allowPublicKeyRetrieval=true&connectionTimeZone=UTC&forceConnectionTimeZoneToSession=true"
                + "&useServerPrepStmts=false&rewriteBatchedStatements=true&tcpKeepAlive=true";
    }

    /**
     * Opens a connection through the driver class itself: DriverManager only sees drivers of
     * the caller's class loader, which inside a Connect plugin class loader is unreliable.
     */
    public Connection connect() throws SQLException {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        Connection connection = DRIVER.connect(url(), props);
        if (connection == null) {
            throw new SQLException("the MySQL driver does not accept " + url());
        }
        return connection;
    }

    /** host:port, for messages. */
    public String address() {
        return host + ":" + port;
    }

    @Override
    public String toString() {
        return "ConnectionSettings[" + user + "@" + address() + "]";
    }
}
