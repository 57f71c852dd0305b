package dev.twoway.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;

import dev.twoway.core.Sql;

/**
 * Reads and writes the sink's rows of {@code sink_progress}: where each partition stands
 * (first offset not applied, last GTID) and where its records go. The database, not the
 * consumer group, is what a task seeks to on open (invariant 2).
 */
public final class ProgressStore {
    private final String table;
    private final String connector;

    public ProgressStore(String database, String connector) {
        this.table = Sql.qualified(database, "sink_progress");
        this.connector = connector;
    }

    public Map<TopicPartition, PartitionProgress> read(Connection c, Collection<TopicPartition> partitions)
            throws SQLException {
        String sql = "SELECT topic, kafka_partition, next_offset, gtid, route_migration, route_direction FROM "
                + table + " WHERE connector = ?";
        Map<TopicPartition, PartitionProgress> found = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, connector);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    TopicPartition partition = new TopicPartition(rs.getString(1), rs.getInt(2));
                    if (partitions.contains(partition)) {
                        found.put(partition, new PartitionProgress(rs.getLong(3), rs.getString(4),
                                Route.fromColumns(rs.getString(5), rs.getString(6))));
                    }
                }
            }
        }
        return found;
    }

    public void save(Connection c, Map<TopicPartition, PartitionProgress> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        String sql = "INSERT INTO " + table + " (connector, topic, kafka_partition, next_offset, gtid, "
                + "route_migration, route_direction) VALUES (?, ?, ?, ?, ?, ?, ?) AS p ON DUPLICATE KEY UPDATE "
                + "next_offset = p.next_offset, gtid = p.gtid, route_migration = p.route_migration, "
                + "route_direction = p.route_direction";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (Map.Entry<TopicPartition, PartitionProgress> row : rows.entrySet()) {
                PartitionProgress progress = row.getValue();
                Route route = progress.route();
                s.setString(1, connector);
                s.setString(2, row.getKey().topic());
                s.setInt(3, row.getKey().partition());
                s.setLong(4, progress.nextOffset());
                s.setString(5, progress.gtid());
                s.setString(6, route == null ? null : route.migrationId());
                s.setString(7, route == null ? null : route.direction().wireName());
                s.addBatch();
            }
            s.executeBatch();
        }
    }
}
