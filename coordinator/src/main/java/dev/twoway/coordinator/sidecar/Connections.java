package dev.twoway.coordinator.sidecar;

import java.sql.Connection;
import java.sql.SQLException;

import dev.twoway.core.jdbc.ConnectionSettings;

/**
 * The reconciler's auto-commit connection, reopened after a failure, and fresh connections
 * for the steps that need their own session (copy transactions, the cut-over's A and B).
 */
public final class Connections implements AutoCloseable {
    private final ConnectionSettings settings;
    private Connection main;

    public Connections(ConnectionSettings settings) {
        this.settings = settings;
    }

    public Connection main() throws SQLException {
        if (main == null || main.isClosed()) {
            main = settings.connect();
        }
        return main;
    }

    /** A new connection the caller closes. */
    public Connection open() throws SQLException {
        return settings.connect();
    }

    /** Drops the main connection after an error; the next {@link #main()} opens a new one. */
    public void reset() {
        closeQuietly(main);
        main = null;
    }

    @Override
    public void close() {
        reset();
    }

    public static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        }
        catch (Exception ignored) {
            // closing after an error; the first error is the one reported
        }
    }
}
