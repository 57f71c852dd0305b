package dev.twoway.it.support;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real MySQL the integration tests run against: the sandbox on 127.0.0.1:3307
 * (started by ./twoway test), or the server named by TWOWAY_MYSQL_URL,
 * TWOWAY_MYSQL_USER and TWOWAY_MYSQL_PASSWORD.
 */
public final class TestMySql {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final String host;
    private final int port;
    private final String user;
    private final String password;

    private TestMySql(String host, int port, String user, String password) {
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
    }

    public static TestMySql fromEnvironment() {
        String url = env("TWOWAY_MYSQL_URL", "jdbc:mysql://127.0.0.1:3307/");
        URI uri = URI.create(url.substring("jdbc:".length()));
        int port = uri.getPort() < 0 ? 3306 : uri.getPort();
        return new TestMySql(uri.getHost(), port, env("TWOWAY_MYSQL_USER", "root"), env("TWOWAY_MYSQL_PASSWORD", ""));
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public String jdbcUrl() {
        return "jdbc:mysql://" + host + ":" + port + "/?useSSL=false&allowPublicKeyRetrieval=true";
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl(), user, password);
    }

    /** The connection options every twoway connector takes, pointing at this server. */
    public Map<String, String> connectionConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("database.hostname", host);
        config.put("database.port", Integer.toString(port));
        config.put("database.user", user);
        config.put("database.password", password);
        return config;
    }

    /** A new, empty database with a unique name starting with {@code prefix}. */
    /**
     * The statements a connection's session has sent, this one included (MySQL's session
     * {@code Questions}): how a test tells that a read does not grow with the rows it skips.
     */
    public static long questions(Connection c) throws SQLException {
        try (java.sql.Statement s = c.createStatement();
             java.sql.ResultSet rs = s.executeQuery("SHOW SESSION STATUS LIKE 'Questions'")) {
            rs.next();
            return rs.getLong(2);
        }
    }

    public String createDatabase(String prefix) throws SQLException {
        String name = prefix + "_" + ProcessHandle.current().pid() + "_" + SEQUENCE.incrementAndGet();
        execute("DROP DATABASE IF EXISTS `" + name + "`", "CREATE DATABASE `" + name + "`");
        return name;
    }

    public void execute(String... statements) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    /** The first column of every row of {@code sql}, as strings (NULL as null). */
    public List<String> column(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String> values = new ArrayList<>();
            while (rs.next()) {
                values.add(rs.getString(1));
            }
            return values;
        }
    }

    /** The single value of {@code sql}, or null when it returns no row. */
    public String value(String sql) throws SQLException {
        List<String> values = column(sql);
        return values.isEmpty() ? null : values.get(0);
    }

    public long longValue(String sql) throws SQLException {
        return Long.parseLong(value(sql));
    }
}
