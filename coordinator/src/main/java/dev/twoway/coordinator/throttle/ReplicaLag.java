package dev.twoway.coordinator.throttle;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * How far one replica, named by a JDBC URL, is behind its source, from its applier workers in
 * {@code performance_schema.replication_applier_status_by_worker} (MySQL 8's per-transaction
 * timestamps; {@code Seconds_Behind_Source} is coarse and lies on a multi-threaded replica): a
 * worker applying a transaction is as far behind as that transaction's original commit is old;
 * an idle worker has applied all it was given. A server with no applier (not a replica) has no
 * lag. Its own connection, reopened after a failure. Reads; {@link #lagMs} decides.
 */
public final class ReplicaLag implements AutoCloseable {
    /** One applier worker: whether it runs, and the original commit time of what it applies (null: idle). */
    record Worker(boolean on, Long applyingCommittedMicros) {
    }

    static final String URL_PREFIX = "jdbc:mysql://";
    private static final Driver DRIVER = newDriver();
    private static final String SQL = "SELECT SERVICE_STATE = 'ON', IF(APPLYING_TRANSACTION = '', NULL, "
            + "FLOOR(UNIX_TIMESTAMP(APPLYING_TRANSACTION_ORIGINAL_COMMIT_TIMESTAMP) * 1000000)), "
            + "FLOOR(UNIX_TIMESTAMP(NOW(6)) * 1000000) FROM performance_schema.replication_applier_status_by_worker";

    private final String url;
    private final String user;
    private final String password;
    private Connection connection;

    public ReplicaLag(String url, String user, String password) {
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** host:port of the URL (for the stage), or the URL when it has none. */
    public String name() {
        String rest = url.startsWith(URL_PREFIX) ? url.substring(URL_PREFIX.length()) : url;
        int end = rest.indexOf('/');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** The replica's lag in milliseconds now. */
    public long read() throws SQLException {
        try {
            Connection c = connection();
            List<Worker> workers = new ArrayList<>();
            long now = 0;
            try (PreparedStatement s = c.prepareStatement(SQL); ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    long applying = rs.getLong(2);
                    workers.add(new Worker(rs.getBoolean(1), rs.wasNull() ? null : applying));
                    now = rs.getLong(3);
                }
            }
            return lagMs(workers, now);
        }
        catch (SQLException e) {
            close();
            throw e;
        }
    }

    /**
     * The largest lag of the workers applying a transaction, 0 when all are idle or there are
     * none; a replica whose applier is stopped falls behind by the second, with no figure to say
     * how far, so it is refused.
     */
    static long lagMs(List<Worker> workers, long nowMicros) throws SQLException {
        if (!workers.isEmpty() && workers.stream().noneMatch(Worker::on)) {
            throw new SQLException("its replication applier is not running (replication_applier_status_by_worker: "
                    + "every SERVICE_STATE is OFF)");
        }
        long lag = 0;
        for (Worker worker : workers) {
            if (worker.on() && worker.applyingCommittedMicros() != null) {
                lag = Math.max(lag, (nowMicros - worker.applyingCommittedMicros()) / 1000);
            }
        }
        return lag;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Properties props = new Properties();
            props.setProperty("user", user);
            props.setProperty("password", password);
            props.setProperty("connectTimeout", "5000");
            props.setProperty("socketTimeout", "10000");
            connection = DRIVER.connect(url, props);
            if (connection == null) {
                throw new SQLException("'" + url + "' is not a MySQL JDBC URL (jdbc:mysql://host:port/)");
            }
        }
        return connection;
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            }
            catch (SQLException ignored) {
                // reopened on the next reading; the reading's error is the one reported
            }
            connection = null;
        }
    }

    private static Driver newDriver() {
        try {
            return new com.mysql.cj.jdbc.Driver();
        }
        catch (SQLException e) {
            throw new IllegalStateException("cannot load the MySQL driver", e);
        }
    }
}
