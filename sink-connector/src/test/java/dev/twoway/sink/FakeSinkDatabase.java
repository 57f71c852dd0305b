package dev.twoway.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;

import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnPair;
import dev.twoway.core.state.CopyRangeStore;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;

/** An in-memory {@link SinkDatabase} with real transaction semantics: nothing counts until commit. */
final class FakeSinkDatabase implements SinkDatabase {
    record Statement(String sql, List<Object> parameters) {
    }

    static final ColumnMap USERS_WITHOUT_TITLE = new ColumnMap(
            List.of(new ColumnPair("id", "id"), new ColumnPair("name", "name")), List.of(new ColumnPair("id", "id")));

    final Map<String, MigrationRow> migrations = new HashMap<>();
    final Map<String, List<CopyRangeStore.Range>> copyRanges = new HashMap<>();
    int copyRangeReads;
    final Map<Long, MarkerOutcome> outcomes = new HashMap<>();
    final List<Statement> committedStatements = new ArrayList<>();
    final Map<Long, Long> committedReached = new LinkedHashMap<>();
    final Map<TopicPartition, PartitionProgress> committedProgress = new HashMap<>();
    final Map<String, String> notRevertible = new HashMap<>();
    final Map<String, String> forwardRefused = new HashMap<>();
    int commits;
    /** Statements whose SQL contains this text fail with {@link #failure}. */
    String failOn;
    SQLException failure;
    int failures;
    /** Runs on every read of a marker, e.g. to let the coordinator settle it after a few polls. */
    Runnable onMarkerRead = () -> { };

    private final List<Statement> statements = new ArrayList<>();
    private final Map<Long, Long> reached = new LinkedHashMap<>();
    private final Map<TopicPartition, PartitionProgress> progress = new HashMap<>();
    private final Map<String, String> pendingNotRevertible = new HashMap<>();

    FakeSinkDatabase withUsersMigration(String id) {
        migrations.put(id, MigrationRow.queued(id, "shop", "users", "ALTER TABLE users DROP COLUMN title",
                "_users_new", "_users_old", USERS_WITHOUT_TITLE.toJson()));
        return this;
    }

    @Override
    public void execute(String sql, List<Object> parameters) throws SQLException {
        if (failOn != null && sql.contains(failOn)) {
            failures++;
            throw failure;
        }
        statements.add(new Statement(sql, List.copyOf(parameters)));
    }

    @Override
    public List<CopyRangeStore.Range> copyRanges(String migrationId) {
        copyRangeReads++;
        return copyRanges.getOrDefault(migrationId, List.of());
    }

    @Override
    public dev.twoway.core.projection.ColumnTypes columnTypes(String migrationId) {
        return new dev.twoway.core.projection.ColumnTypes(List.of());
    }

    @Override
    public void markForwardRefused(String migrationId, String reason) {
        forwardRefused.put(migrationId, reason);
    }

    @Override
    public List<List<Object>> query(String sql, List<Object> parameters) {
        return List.of();
    }

    @Override
    public Map<String, List<String>> uniqueIndexes(String schema, String table) {
        return Map.of();
    }

    @Override
    public List<String> onUpdateColumns(String schema, String table) {
        return List.of();
    }

    @Override
    public Optional<MigrationRow> migration(String migrationId) {
        return Optional.ofNullable(migrations.get(migrationId));
    }

    @Override
    public Optional<MarkerRow> marker(long markerId) {
        onMarkerRead.run();
        MarkerOutcome outcome = outcomes.get(markerId);
        return Optional.of(new MarkerRow(markerId, "m1", MarkerKind.CUTOVER, "shop", "users", null, null,
                committedReached.get(markerId), outcome));
    }

    @Override
    public void markReached(long markerId, TopicPartition partition, long offset) {
        if (!committedReached.containsKey(markerId)) {
            reached.putIfAbsent(markerId, offset);
        }
    }

    @Override
    public void markNotRevertible(String migrationId, String reason) {
        pendingNotRevertible.putIfAbsent(migrationId, reason);
    }

    @Override
    public Map<TopicPartition, PartitionProgress> progress(Collection<TopicPartition> partitions) {
        Map<TopicPartition, PartitionProgress> found = new HashMap<>(committedProgress);
        found.keySet().retainAll(partitions);
        return found;
    }

    @Override
    public void saveProgress(Map<TopicPartition, PartitionProgress> rows) {
        progress.putAll(rows);
    }

    @Override
    public void commit() {
        committedStatements.addAll(statements);
        committedReached.putAll(reached);
        committedProgress.putAll(progress);
        pendingNotRevertible.forEach(notRevertible::putIfAbsent);
        commits++;
        rollback();
    }

    @Override
    public void rollback() {
        statements.clear();
        reached.clear();
        progress.clear();
        pendingNotRevertible.clear();
    }

    @Override
    public void reconnectIfBroken() {
    }

    @Override
    public void close() {
    }

    /** The committed statements' SQL, each shortened to its verb and table. */
    List<String> committedShapes() {
        return committedStatements.stream().map(s -> {
            int end = s.sql().indexOf(" (");
            return s.sql().substring(0, end < 0 ? s.sql().indexOf(" SET") : end);
        }).toList();
    }
}
