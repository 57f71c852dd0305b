package dev.twoway.sink;

import java.sql.SQLException;
import java.util.List;

/** Runs one parameterised statement in the sink's open transaction. */
@FunctionalInterface
public interface StatementExecutor {
    void execute(String sql, List<Object> parameters) throws SQLException;

    /**
     * The time zone the next statements on a user's table run in: the server's ({@code server}),
     * for a migration whose values depend on it, else UTC, where a TIMESTAMP is its instant (in a
     * zone with daylight saving time, a key in the hour the clocks go back would find the other
     * instant's row). See {@code ZoneDependence}. Nothing to do where there is no session.
     */
    default void zone(boolean server) throws SQLException {
    }
}
