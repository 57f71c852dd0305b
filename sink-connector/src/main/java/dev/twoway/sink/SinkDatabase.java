package dev.twoway.sink;

import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

import dev.twoway.core.state.CopyRangeStore;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;

/**
 * The sink's one MySQL transaction at a time: the rows it applies, the markers it reaches and
 * its progress, committed together (invariant 2); plus the few reads of the sidecar it routes by.
 * An interface so the applying logic can be tested without a server.
 */
public interface SinkDatabase extends StatementExecutor, MigrationTargets.Lookup, CollisionResolver.Rows {
    Optional<MigrationRow> migration(String migrationId) throws SQLException;

    @Override
    default Optional<MigrationRow> find(String migrationId) throws SQLException {
        return migration(migrationId);
    }

    Optional<MarkerRow> marker(long markerId) throws SQLException;

    /** The key ranges of the migration's copy as committed now (empty: no copy in ranges under way). */
    List<CopyRangeStore.Range> copyRanges(String migrationId) throws SQLException;

    /** Marks the marker reached at {@code partition}@{@code offset} in the open transaction. */
    void markReached(long markerId, TopicPartition partition, long offset) throws SQLException;

    /**
     * Records, in the open transaction, that the old table refuses an inverse write ({@code reason}):
     * the sink's own fact, which the coordinator turns into the migration's being not revertible.
     */
    void markNotRevertible(String migrationId, String reason) throws SQLException;

    /** Records that the new schema refuses what the stream brings (the coordinator fails the migration). */
    void markForwardRefused(String migrationId, String reason) throws SQLException;

    /** The zone of the next statements on a user's table ({@link StatementExecutor#zone}). */
    @Override
    default void zone(boolean server) throws SQLException {
    }

    /** Rows of a query on a user's table, in the open transaction. */
    List<List<Object>> query(String sql, List<Object> parameters) throws SQLException;

    /** The unique indexes of a user's table, by name. */
    Map<String, List<String>> uniqueIndexes(String schema, String table) throws SQLException;

    /** The stored progress of those of {@code partitions} that have a row. */
    Map<TopicPartition, PartitionProgress> progress(Collection<TopicPartition> partitions) throws SQLException;

    /** Writes progress rows in the open transaction. */
    void saveProgress(Map<TopicPartition, PartitionProgress> rows) throws SQLException;

    void commit() throws SQLException;

    /** Rolls the open transaction back; never fails (a broken connection has nothing to roll back). */
    void rollback();

    /** Replaces the connection when it is no longer usable; never fails (the next use reports). */
    void reconnectIfBroken();

    void close();
}
