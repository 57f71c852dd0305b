package dev.twoway.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The session settings of a connection that touches both a user's table and twoway's sidecar.
 *
 * <p>The user's table is written as an ALTER TABLE in a session with the server's defaults would
 * write it: in the server's global time zone (a DATETIME converted to a TIMESTAMP, a TIMESTAMP to
 * text, a CURRENT_TIMESTAMP default, a TIMESTAMP default in a DDL all depend on it), and with the
 * server's SQL mode plus {@code STRICT_ALL_TABLES} (a value the target cannot hold fails instead
 * of being truncated) and {@code NO_AUTO_VALUE_ON_ZERO} (a row whose AUTO_INCREMENT key is 0 keeps
 * it, as ALTER TABLE keeps it). Nothing is removed from the server's SQL mode: Connector/J reads
 * it once, when it connects, to decide how it escapes strings.
 *
 * <p>The sidecar's times ({@code DEFAULT CURRENT_TIMESTAMP(3)}, {@code NOW(3)}) are UTC, as every
 * connection's session starts ({@code connectionTimeZone=UTC}): statements on the sidecar run in
 * UTC. The SQL mode holds for both. The zone is switched only when the kind of statement changes.
 */
public final class SessionZone {
    /** The server's SQL mode, strict, keeping 0 as a key. */
    public static final String SQL_MODE = "SET SESSION sql_mode = CONCAT_WS(',', NULLIF(@@GLOBAL.sql_mode, ''), "
            + "'STRICT_ALL_TABLES', 'NO_AUTO_VALUE_ON_ZERO', 'NO_ENGINE_SUBSTITUTION')";
    private static final String SERVER_ZONE = "SET SESSION time_zone = @@GLOBAL.time_zone";
    private static final String UTC = "SET SESSION time_zone = '+00:00'";

    private final Connection connection;
    /** Whether the session is in the server's zone now (else in UTC). */
    private boolean inServerZone;
    /** The zone statements on a user's table run in: the server's unless a migration's values do not depend on it. */
    private boolean userServerZone = true;

    /** Sets the SQL mode; the session starts in UTC, for the sidecar. */
    public SessionZone(Connection connection) throws SQLException {
        this.connection = connection;
        execute(SQL_MODE);
    }

    /**
     * The zone of the next statements on a user's table: the server's ({@code server}), or UTC for
     * a migration whose values do not depend on the zone, where a TIMESTAMP is its instant.
     */
    public void userZone(boolean server) {
        userServerZone = server;
    }

    /** Before a statement on a user's table (or its shadow or old table). */
    public void userTables() throws SQLException {
        switchTo(userServerZone);
    }

    /** Before a statement that writes a time into the sidecar. */
    public void sidecar() throws SQLException {
        switchTo(false);
    }

    private void switchTo(boolean server) throws SQLException {
        if (inServerZone != server) {
            set(connection, server);
            inServerZone = server;
        }
    }

    public Connection connection() {
        return connection;
    }

    /** A statement on a user's table, on a connection that otherwise works in UTC. */
    @FunctionalInterface
    public interface Call<T> {
        T run() throws SQLException;
    }

    /**
     * Runs {@code call} in the server's time zone and puts the session back in UTC, for a
     * connection that writes a user's table once in a while (a chunk of the copy, a DDL on the
     * shadow) and the sidecar otherwise.
     */
    public static <T> T inServerZone(Connection connection, Call<T> call) throws SQLException {
        set(connection, true);
        try {
            return call.run();
        }
        finally {
            set(connection, false);
        }
    }

    /** Puts {@code connection}'s session in the server's zone ({@code server}) or in UTC. */
    public static void set(Connection connection, boolean server) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(server ? SERVER_ZONE : UTC);
        }
    }

    /**
     * Runs {@code call} in the server's time zone when {@code server}, else as the session is (UTC):
     * a migration whose values do not depend on the zone is copied and compared in UTC, where a
     * TIMESTAMP is its instant ({@code ZoneDependence}).
     */
    public static <T> T inZone(Connection connection, boolean server, Call<T> call) throws SQLException {
        return server ? inServerZone(connection, call) : call.run();
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute(sql);
        }
    }
}
