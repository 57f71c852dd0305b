package dev.twoway.stack.demo;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/** The MySQL the demo runs on: the sandbox, or the server named by TWOWAY_MYSQL_URL. */
record MySqlTarget(String host, int port, String user, String password) {
    static final int SANDBOX_PORT = 3307;

    static MySqlTarget sandbox() {
        String port = System.getenv("TWOWAY_MYSQL_PORT");
        return new MySqlTarget("127.0.0.1", port == null || port.isBlank() ? SANDBOX_PORT : Integer.parseInt(port),
                "root", "");
    }

    /** From TWOWAY_MYSQL_URL, TWOWAY_MYSQL_USER (default root) and TWOWAY_MYSQL_PASSWORD (default empty). */
    static MySqlTarget fromUrl(String url) {
        if (!url.startsWith("jdbc:mysql://")) {
            throw new DemoFailure("TWOWAY_MYSQL_URL must look like jdbc:mysql://host:port/, not '" + url + "'", 2);
        }
        URI uri = URI.create(url.substring("jdbc:".length()));
        return new MySqlTarget(uri.getHost(), uri.getPort() < 0 ? 3306 : uri.getPort(),
                orDefault(System.getenv("TWOWAY_MYSQL_USER"), "root"),
                orDefault(System.getenv("TWOWAY_MYSQL_PASSWORD"), ""));
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection("jdbc:mysql://" + host + ":" + port
                + "/?useSSL=false&allowPublicKeyRetrieval=true", user, password);
    }

    /** Every row of {@code sql}, each column as a string. */
    List<String[]> query(String sql) throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            List<String[]> rows = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                String[] row = new String[n];
                for (int i = 0; i < n; i++) {
                    row[i] = rs.getString(i + 1);
                }
                rows.add(row);
            }
            return rows;
        }
    }

    @Override
    public String toString() {
        return host + ":" + port + " as " + user;
    }

    private static String orDefault(String value, String fallback) {
        return value == null || value.isBlank() ? fallback : value;
    }
}
