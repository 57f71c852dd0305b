package dev.twoway.coordinator.copy;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.throttle.CopyThrottle;
import dev.twoway.coordinator.throttle.SinkLag;
import dev.twoway.coordinator.throttle.Throttle;
import dev.twoway.coordinator.throttle.ThrottleSettings;
import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnPair;
import dev.twoway.core.projection.ColumnTypes;
import dev.twoway.core.state.ColumnTypesStore;
import dev.twoway.core.state.CopyKeyRangeStore;
import dev.twoway.core.state.CopyRangeStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;

/**
 * Step 3: copies the table into the shadow in key order, one chunk per transaction together
 * with its progress, so a restart resumes exactly after the last committed chunk. The chunk's
 * rows are share-locked while copied: a concurrent change of a copied row commits after the
 * copy, so its binlog event reaches the sink after it (gh-ost's ordering). The keys are copied
 * as ranges side by side ({@link RangeCopy}, up to {@code migration.copy.threads} connections,
 * which keep copying between calls until {@link #close()}: the reconciler closes the copier
 * before any other step): a key of one signed integer column as one range split by arithmetic
 * ({@link KeyRange}), any other key as ranges sampled from its index up front
 * ({@link KeySampler}), each chunk's end found by counting rows. An empty table is copied by
 * this connection alone, one chunk at a time. Before each chunk the copy passes its throttle
 * ({@link CopyThrottle}, {@code migration.throttle.*}), which holds it while the server is under
 * pressure or the operator paused it; the stage then says why. Writes.
 */
public final class RowCopier implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RowCopier.class);
    /** How often the range copy's progress is written to the migration's row. */
    static final long PROGRESS_EVERY_MS = 250;
    /** Copies of a chunk that collides on a unique key, the sink catching up in between. */
    static final int COLLISION_ATTEMPTS = 5;

    private final Connections connections;
    private final MigrationProgressStore progress;
    private final CopyRangeStore rangeStore;
    private final CopyKeyRangeStore keyRangeStore;
    private final String sidecar;
    private final ColumnTypesStore columnTypes;
    private final int chunkRows;
    private final int threads;
    private final ChunkSizer sizer;
    private final ThrottleSettings throttleSettings;
    private final CopyRate rate = new CopyRate();
    /** Volatile: the task's metrics read the time throttled from another thread. */
    private volatile CopyThrottle throttle;
    private long throttledBeforeMs;
    private Connection connection;
    private ChunkSql sql;
    /** Whether the chunks run in the server's time zone (the migration's values depend on it), else in UTC. */
    private boolean serverZone;
    private boolean chosen;
    /** Every row copied: later calls (the member waits to build its indexes) write nothing. */
    private boolean finished;
    private RangeCopy ranges;
    private long reportedRows;
    private long reportedAt;

    public RowCopier(Connections connections, String sidecar, int chunkRows, int threads, ThrottleSettings throttle) {
        this.connections = connections;
        this.throttleSettings = throttle;
        this.progress = new MigrationProgressStore(sidecar);
        this.rangeStore = new CopyRangeStore(sidecar);
        this.keyRangeStore = new CopyKeyRangeStore(sidecar);
        this.sidecar = sidecar;
        this.columnTypes = new ColumnTypesStore(sidecar);
        this.chunkRows = chunkRows;
        this.threads = threads;
        this.sizer = new ChunkSizer(chunkRows);
    }

    /** The copy's rows per second, smoothed over its chunks (what its stage and ETA say); 0 before a chunk. */
    public long rowsPerSecond() {
        return rate.rowsPerSecond();
    }

    /** Milliseconds this copier's copy has been held by its throttle (since the task started). */
    public long throttledMs() {
        CopyThrottle now = throttle;
        return throttledBeforeMs + (now == null ? 0 : now.throttledMs());
    }

    /** The throttle's verdict now (the figures read again when due); the copy's throttle made on first use. */
    public Throttle.Verdict throttleVerdict(MigrationRow row) {
        return throttle(row).check();
    }

    private CopyThrottle throttle(MigrationRow row) {
        if (throttle == null) {
            throttle = new CopyThrottle(throttleSettings, connections, new SinkLag(sidecar, row.migrationId(),
                    row.tableSchema(), row.tableName()));
        }
        return throttle;
    }

    /**
     * Copies the next chunk, or lets the range copy's workers run for a quarter of a second (they
     * go on between calls until {@link #close()}); false when every row is copied.
     */
    public boolean copyNext(MigrationRow row) throws SQLException {
        if (finished) {
            return false;
        }
        Connection c = connection();
        ChunkSql chunks = chunkSql(c, row);
        try {
            if (!chosen) {
                ranges = ranges(c, row, chunks);
                chosen = true;
            }
            boolean more = ranges != null ? copyRanges(c, row) : copySerial(c, row, chunks);
            finished = !more;
            return more;
        }
        catch (SQLException | RuntimeException e) {
            rollbackQuietly(c);
            throw e;
        }
    }

    /**
     * Lets the range copy's workers run for a while, then records the migration's progress;
     * false once every range is copied (the ranges are then forgotten).
     */
    private boolean copyRanges(Connection c, MigrationRow row) throws SQLException {
        RangeCopy.Progress now;
        try {
            now = ranges.await(PROGRESS_EVERY_MS);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // the reconciler is stopping; close() stops the workers
            return true;
        }
        long at = System.nanoTime();
        rate.observe(now.copied() - reportedRows, at - reportedAt);
        reportedRows = now.copied();
        reportedAt = at;
        long total = Math.max(row.rowsTotal(), now.copied());
        Throttle.Verdict verdict = throttle(row).check();
        String stage = verdict.throttled() && !now.done() ? verdict.stage("copy", at, rate.stage(now.copied(), total))
                : rate.stage(now.copied(), total);
        progress.copied(c, row.migrationId(), now.copied(), total, lastKeyJson(now.frontier()),
                rate.etaSeconds(now.copied(), total), stage);
        if (now.done()) {
            rangeStore.clear(c, row.migrationId()); // a finished copy forgets its ranges, with the last progress
            keyRangeStore.clear(c, row.migrationId());
            c.commit();
            return false;
        }
        c.commit();
        return true;
    }

    /**
     * The copy's ranges: the stored ones when the copy has begun, else planned from where the
     * copy stands (the start, or the last key of a copy begun one chunk at a time) up to the
     * largest key now, recorded with the copy's start: one range of a key of one signed integer
     * column, sampled ranges of any other. Null when the table has no key left to copy: then
     * the copy goes one chunk at a time.
     */
    private RangeCopy ranges(Connection c, MigrationRow row, ChunkSql chunks) throws SQLException {
        CopyJob job = new CopyJob(row.migrationId(), chunks, catchUp(row), rangeStore, keyRangeStore, serverZone);
        if (row.copyLastKey() != null) {
            List<CopyRangeStore.Range> stored = rangeStore.list(c, row.migrationId());
            if (!stored.isEmpty()) {
                return rangeCopy(row, stored.stream().map(r -> (CopyRange) new IntegerRange(KeyRange.of(r, chunkRows), job))
                        .toList());
            }
            List<CopyKeyRangeStore.Range> sampled = keyRangeStore.list(c, row.migrationId());
            if (!sampled.isEmpty()) {
                return rangeCopy(row, sampled.stream().map(r -> (CopyRange) new SampledRange(r, chunkRows, job)).toList());
            }
        }
        List<Object> after = startKey(row);
        rangeStore.clear(c, row.migrationId());
        keyRangeStore.clear(c, row.migrationId());
        Optional<long[]> bounds = IntegerRange.bounds(c, chunks);
        List<CopyRange> planned;
        if (bounds.isPresent() && (after == null || after.get(0) instanceof Long)) {
            long from = after == null ? bounds.get()[0] - 1 : (Long) after.get(0);
            planned = List.of(integerRange(c, job, from, bounds.get()[1], row.rowsCopied()));
            after = List.of(from);
        }
        else {
            planned = sampledRanges(c, job, after);
        }
        if (planned.isEmpty()) {
            c.commit();
            return null;
        }
        long total = Math.max(row.rowsTotal(), row.rowsCopied());
        progress.copied(c, row.migrationId(), row.rowsCopied(), total, lastKeyJson(after), null,
                rate.stage(row.rowsCopied(), total));
        c.commit();
        return rangeCopy(row, planned);
    }

    /** One range of a signed integer key, from {@code from} up to the largest key now, recorded. */
    private CopyRange integerRange(Connection c, CopyJob job, long from, long largest, long rowsCopied)
            throws SQLException {
        KeyRange range = new KeyRange(0, from, Math.max(from, largest), from, rowsCopied, new ChunkSizer(chunkRows));
        rangeStore.insert(c, job.migrationId(), range.stored());
        return new IntegerRange(range, job);
    }

    /** The ranges of any other key after {@code after}, sampled from its index and recorded; none when no key is left. */
    private List<CopyRange> sampledRanges(Connection c, CopyJob job, List<Object> after) throws SQLException {
        long started = System.nanoTime();
        List<CopyRange> planned = new ArrayList<>();
        KeySampler.Plan plan = KeySampler.sample(c, job.chunks(), job.serverZone(), after, threads, chunkRows);
        for (CopyKeyRangeStore.Range range : plan.ranges()) {
            keyRangeStore.insert(c, job.migrationId(), range);
            planned.add(new SampledRange(range, chunkRows, job, plan.rowsPerRange()));
        }
        LOG.info("migration {}: key {} sampled into {} ranges in {} ms", job.migrationId(), job.chunks().key(),
                planned.size(), (System.nanoTime() - started) / 1_000_000);
        return planned;
    }

    /** Where the copy starts: after the last key of a copy begun one chunk at a time, or null (the start). */
    private static List<Object> startKey(MigrationRow row) {
        List<Object> after = KeyValues.fromJson(row.copyLastKey());
        return after == null || after.isEmpty() ? null : after;
    }

    /** {@code copy_last_key}: the key copied through, {@code []} for a copy under way with nothing copied from the start. */
    private static String lastKeyJson(List<Object> frontier) {
        return KeyValues.toJson(frontier == null ? List.of() : frontier);
    }

    private RangeCopy rangeCopy(MigrationRow row, List<CopyRange> keyRanges) {
        reportedRows = keyRanges.stream().mapToLong(CopyRange::rows).sum();
        reportedAt = System.nanoTime();
        LOG.info("migration {}: copying in {} key ranges, up to {} side by side", row.migrationId(), keyRanges.size(),
                threads);
        return new RangeCopy(connections, row.migrationId(), threads, keyRanges, throttle(row));
    }

    /** One chunk of a key of any shape, with the progress in its transaction; or, throttled, a wait. */
    private boolean copySerial(Connection c, MigrationRow row, ChunkSql chunks) throws SQLException {
        Throttle.Verdict verdict = throttle(row).check();
        if (verdict.throttled()) {
            return holdSerial(c, row, verdict);
        }
        List<Object> after = startKey(row);
        long started = System.nanoTime();
        // the chunk's end read in the zone the chunk compares it in
        Optional<Chunk> planned = SessionZone.inZone(c, serverZone, () -> plan(c, chunks, after));
        if (planned.isEmpty()) {
            c.commit();
            return false;
        }
        Chunk chunk = planned.get();
        copy(c, chunks, serverZone, after, chunk.end(), catchUp(row));
        long copied = row.rowsCopied() + chunk.rows();
        long total = Math.max(row.rowsTotal(), copied);
        long nanos = System.nanoTime() - started;
        rate.observe(chunk.rows(), nanos);
        progress.copied(c, row.migrationId(), copied, total, KeyValues.toJson(chunk.end()),
                rate.etaSeconds(copied, total), rate.stage(copied, total));
        c.commit();
        sizer.observe(chunk.rows(), nanos);
        return true;
    }

    /** Says why the copy is held in its stage, then waits a while (the reconciler calls again at once). */
    private boolean holdSerial(Connection c, MigrationRow row, Throttle.Verdict verdict) throws SQLException {
        long total = Math.max(row.rowsTotal(), row.rowsCopied());
        progress.copied(c, row.migrationId(), row.rowsCopied(), total, row.copyLastKey(), row.etaSeconds(),
                verdict.stage("copy", System.nanoTime(), rate.stage(row.rowsCopied(), total)));
        c.commit();
        try {
            Thread.sleep(PROGRESS_EVERY_MS); // not a synchronisation: the throttle is read again after it
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
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

    /**
     * Copies the chunk; returns how many rows it inserted (a row the stream wrote first counts as
     * none). A chunk that collides with an out-of-date row of the shadow on a unique key is copied
     * again once the sink has caught up with the table ({@link CopyCollisions}), a few times; one
     * that still collides, like a value the new schema refuses, fails the migration.
     */
    static long copy(Connection c, ChunkSql chunks, boolean serverZone, List<Object> after, List<Object> end,
                     SinkCatchUp catchUp) throws SQLException {
        for (int attempt = 1; ; attempt++) {
            try {
                return SessionZone.inZone(c, serverZone, () -> execute(c, chunks.copy(after, end)));
            }
            catch (SQLException e) {
                boolean collision = CopyCollisions.is(e);
                if (collision && attempt < COLLISION_ATTEMPTS) {
                    c.rollback(); // the chunk is the transaction's first write: nothing else is lost
                    int cleared = SessionZone.inZone(c, serverZone, () -> CopyCollisions.resolve(c, chunks, after, end));
                    LOG.debug("migration copy of {}.{}: chunk after {} collides on a unique key ({}); {} out-of-date "
                            + "shadow rows cleared", chunks.schema(), chunks.table(), after, e.getMessage(), cleared);
                    if (cleared == 0) {
                        catchUp.await();
                    }
                    continue;
                }
                if (collision) {
                    throw SessionZone.inZone(c, serverZone, () -> CopyCollisions.refusal(c, chunks, after, end, e));
                }
                if (!CopyRefusedException.isDataError(e)) {
                    throw e;
                }
                throw new CopyRefusedException("copying the rows of " + chunks.schema() + "." + chunks.table()
                        + " with key " + chunks.key() + " after " + (after == null ? "the start" : KeyValues.toJson(after))
                        + " up to " + KeyValues.toJson(end) + " into " + chunks.shadow() + ": MySQL refuses a value "
                        + "for the new schema: " + e.getMessage(), e);
            }
        }
    }

    private SinkCatchUp catchUp(MigrationRow row) {
        return new SinkCatchUp(connections, sidecar, row.migrationId(), row.tableSchema(), row.tableName());
    }

    private ChunkSql chunkSql(Connection c, MigrationRow row) throws SQLException {
        if (sql == null) {
            ColumnMap map = ColumnMap.fromJson(row.columnMap());
            List<String> keyColumns = map.key().stream().map(ColumnPair::oldName).toList();
            CopyInspector inspector = new CopyInspector(c);
            CopyInspector.KeyIndex index = inspector
                    .indexOf(row.tableSchema(), row.tableName(), keyColumns)
                    .orElseThrow(() -> new SQLException("no unique index of " + row.tableSchema() + "."
                            + row.tableName() + " has exactly the key columns " + keyColumns));
            ColumnTypes types = columnTypes.read(c, row.migrationId());
            serverZone = types.serverZone();
            sql = new ChunkSql(row.tableSchema(), row.tableName(), row.shadowTable(), index.name(),
                    map.pairs().stream().map(ColumnPair::oldName).toList(),
                    map.pairs().stream().map(ColumnPair::newName).toList(), index.columns(),
                    map.pairs().stream().map(p -> types.forOld(p.oldName()).map(ColumnTypes.Column::forward)
                            .orElse("%s")).toList(),
                    map.pairs().stream().map(p -> types.forOld(p.oldName()).map(ColumnTypes.Column::comparable)
                            .orElse("%s")).toList(),
                    inspector.numberedColumns(row.tableSchema(), row.tableName()));
            LOG.info("migration {}: copying {}.{} by index {} {}", row.migrationId(), row.tableSchema(),
                    row.tableName(), index.name(), index.columns());
        }
        return sql;
    }

    private Connection connection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            connection = open(connections);
        }
        return connection;
    }

    /**
     * A connection for copy transactions: no auto-commit, repeatable read, the SQL mode of
     * {@link SessionZone} (strict: a value the new schema cannot hold fails the copy instead of
     * being truncated; a key 0 stays 0). Chunks run in the server's time zone when the migration's
     * values depend on it ({@code ZoneDependence}), else in UTC; progress in UTC.
     */
    static Connection open(Connections connections) throws SQLException {
        Connection c = connections.open();
        try {
            c.setAutoCommit(false);
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
            new SessionZone(c);
            return c;
        }
        catch (SQLException | RuntimeException e) {
            Connections.closeQuietly(c);
            throw e;
        }
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
        Params.bind(s, query.params());
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

    /** Closes every connection and forgets the plan: the next chunk starts from what MySQL holds. */
    @Override
    public void close() {
        if (ranges != null) {
            ranges.close();
            ranges = null;
        }
        chosen = false;
        finished = false;
        if (throttle != null) {
            throttle.close();
            throttledBeforeMs += throttle.throttledMs();
            throttle = null;
        }
        Connections.closeQuietly(connection);
        connection = null;
    }
}
