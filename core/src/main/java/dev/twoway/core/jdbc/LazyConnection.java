package dev.twoway.core.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * One connection of a component's own (a heartbeat's, a reporter's), opened at its first use and
 * again after an error dropped it: a failed statement costs a reconnect at the next beat, never
 * the component.
 */
public final class LazyConnection implements AutoCloseable {
    private final ConnectionSettings settings;
    private Connection connection;

    public LazyConnection(ConnectionSettings settings) {
        this.settings = settings;
    }

    public Connection get() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = settings.connect();
        }
        return connection;
    }

    /** Drops the connection after an error; the next {@link #get()} opens a new one. */
    @Override
    public void close() {
        try {
            if (connection != null) {
                connection.close();
            }
        }
        catch (SQLException ignored) {
            // it is being replaced
        }
        connection = null;
    }
}
