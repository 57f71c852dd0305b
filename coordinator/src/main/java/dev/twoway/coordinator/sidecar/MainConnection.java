package dev.twoway.coordinator.sidecar;

import java.sql.Connection;
import java.sql.SQLException;

/** Where a MySQL-backed store gets its connection for each call: usually {@link Connections#main()}, reopened after a failure. */
@FunctionalInterface
public interface MainConnection {
    Connection get() throws SQLException;
}
