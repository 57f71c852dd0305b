package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.Connections;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnPair;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;

/**
 * Step 3: copies the table into the shadow in key order, one chunk per transaction together
 * with the progress row, so a restart resumes exactly after the last committed chunk. The
 * chunk's rows are share-locked while copied: a concurrent change of a copied row commits after
 * the copy, so its binlog event reaches the sink after it (gh-ost's ordering). Writes.
 */
public final class RowCopier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RowCopier.class);

    private final Connections connections;
    private final MigrationProgressStore progress;
    private final ChunkSizer sizer;
    private final CopyRate rate = new CopyRate();
    private Connection connection;
    private ChunkSql sql;
    private Optional<IntegerKeyRanges> ranges;

    public RowCopier(Connections connections, String sidecar, int chunkRows) {
        this.connections = connections;
        this.progress = new MigrationProgressStore(sidecar);
        this.sizer = new ChunkSizer(chunkRows);
    }

    /** Copies the next chunk; false when every row is copied (and nothing was done). */
    public boolean copyNext(MigrationRow row) throws SQLException {
        Connection c = connection();
        ChunkSql chunks = chunkSql(c, row);
        List<Object> after = KeyValues.fromJson(row.copyLastKey());
        long started = System.nanoTime();
        try {
            Optional<Chunk> planned = ranges.isPresent() ? ranges.get().next(after, sizer.size()).map(end -> new Chunk(end, 0))
                    : plan(c, chunks, after);
            if (planned.isEmpty()) {
                c.commit();
                return false;
            }
            long inserted = copy(c, chunks, after, planned.get().end());
            Optional<Chunk> chunk = Optional.of(ranges.isPresent() ? new Chunk(planned.get().end(), inserted) : planned.get());
            ranges.ifPresent(r -> r.observe(after, chunk.get().end(), inserted));
            long copied = row.rowsCopied() + chunk.get().rows();
            long total = Math.max(row.rowsTotal(), copied);
            long nanos = System.nanoTime() - started;
            rate.observe(chunk.get().rows(), nanos);
            progress.copied(c, row.migrationId(), copied, total, KeyValues.toJson(chunk.get().end()),
                    rate.etaSeconds(copied, total), rate.stage(copied, total));
            c.commit();
            sizer.observe(chunk.get().rows(), nanos);
            return true;
        }
        catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    /** A chunk: its last key and how many rows it holds. */
    record Chunk(List<Object> end, long rows) {
    }

    private Optional<Chunk> plan(Connection c, ChunkSql chunks, List<Object> after) throws SQLException {
        int size = sizer.size();
        Optional<List<Object>> end = key(c, chunks.chunkEnd(after, size), chunks.key().size());
        if (end.isPresent()) {
            return Optional.of(new Chunk(end.get(), size));
        }
        Optional<List<Object>> last = key(c, chunks.lastKey(after), chunks.key().size());
        if (last.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Chunk(last.get(), count(c, chunks.count(after, last.get()))));
    }

    /** Copies the chunk; returns how many rows it inserted (a row the stream wrote first counts as none). */
    private static long copy(Connection c, ChunkSql chunks, List<Object> after, List<Object> end) throws SQLException {
        try {
            return execute(c, chunks.copy(after, end));
        }
        catch (SQLException e) {
            if (!CopyRefusedException.isDataError(e)) {
                throw e;
            }
            throw new CopyRefusedException("copying the rows of " + chunks.schema() + "." + chunks.table() + " with key "
                    + chunks.key() + " after " + (after == null ? "the start" : KeyValues.toJson(after)) + " up to "
                    + KeyValues.toJson(end) + " into " + chunks.shadow() + ": MySQL refuses a value for the new schema: "
                    + e.getMessage(), e);
        }
    }

    private ChunkSql chunkSql(Connection c, MigrationRow row) throws SQLException {
        if (sql == null) {
            ColumnMap map = ColumnMap.fromJson(row.columnMap());
            List<String> keyColumns = map.key().stream().map(ColumnPair::oldName).toList();
            CopyInspector.KeyIndex index = new CopyInspector(c)
                    .indexOf(row.tableSchema(), row.tableName(), keyColumns)
                    .orElseThrow(() -> new SQLException("no unique index of " + row.tableSchema() + "."
                            + row.tableName() + " has exactly the key columns " + keyColumns));
            sql = new ChunkSql(row.tableSchema(), row.tableName(), row.shadowTable(), index.name(),
                    map.pairs().stream().map(ColumnPair::oldName).toList(),
                    map.pairs().stream().map(ColumnPair::newName).toList(), index.columns());
            ranges = IntegerKeyRanges.of(c, sql);
            LOG.info("migration {}: copying {}.{} by index {} {}{}", row.migrationId(), row.tableSchema(),
                    row.tableName(), index.name(), index.columns(), ranges.isPresent() ? " in key ranges" : "");
        }
        return sql;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = connections.open();
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            try (Statement s = connection.createStatement()) {
                // Strict: a value the new schema cannot hold fails the copy instead of being truncated.
                s.execute("SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ENGINE_SUBSTITUTION'");
            }
        }
        return connection;
    }

    private static Optional<List<Object>> key(Connection c, ChunkSql.Query query, int columns) throws SQLException {
        try (PreparedStatement s = prepare(c, query); ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(KeyValues.read(rs, columns)) : Optional.empty();
        }
    }

    private static long count(Connection c, ChunkSql.Query query) throws SQLException {
        try (PreparedStatement s = prepare(c, query); ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static long execute(Connection c, ChunkSql.Query query) throws SQLException {
        try (PreparedStatement s = prepare(c, query)) {
            return s.executeUpdate();
        }
    }

    private static PreparedStatement prepare(Connection c, ChunkSql.Query query) throws SQLException {
        PreparedStatement s = c.prepareStatement(query.sql());
        for (int i = 0; i < query.params().size(); i++) {
            s.setObject(i + 1, query.params().get(i));
        }
        return s;
    }

    private void rollbackQuietly(Connection c) {
        try {
            c.rollback();
        }
        catch (SQLException e) {
            Connections.closeQuietly(c);
            connection = null;
        }
    }

    @Override
    public void close() {
        Connections.closeQuietly(connection);
        connection = null;
    }
}
