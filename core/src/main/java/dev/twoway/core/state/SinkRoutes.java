package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;

/** Which sinks' stored progress routes records along a migration ({@code sink_progress}). Only reads. */
public final class SinkRoutes {
    private final String table;

    public SinkRoutes(String database) {
        this.table = Sql.qualified(database, "sink_progress");
    }

    /** {@code connector topic[partition] direction} of every partition routed along the migration. */
    public List<String> routing(Connection c, String migrationId) throws SQLException {
        String sql = "SELECT connector, topic, kafka_partition, route_direction FROM " + table
                + " WHERE route_migration = ? ORDER BY connector, topic, kafka_partition";
        List<String> routes = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    routes.add("sink '" + rs.getString(1) + "' " + rs.getString(2) + "[" + rs.getInt(3) + "] "
                            + rs.getString(4));
                }
            }
        }
        return routes;
    }
}
