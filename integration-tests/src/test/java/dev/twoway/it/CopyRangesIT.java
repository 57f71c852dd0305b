package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.copy.RowCopier;
import dev.twoway.coordinator.throttle.ThrottleSettings;
import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.ddl.ColumnChanges;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.SidecarSchema;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestMySql;

/**
 * The copy of a one-integer-column key as ranges side by side, on the real server and without
 * Connect: the copier alone, called as the reconciler calls it.
 * Every connection gets a range at once, a restart resumes each range from {@code copy_ranges},
 * uneven keys keep every connection busy by splitting what is left, and the shadow ends equal
 * to the table.
 */
class CopyRangesIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final ConnectionSettings settings = new ConnectionSettings(mysql.host(), mysql.port(), mysql.user(),
            mysql.password(), "DISABLED");
    private String db;
    private String sidecar;

    @BeforeEach
    void createDatabases() throws SQLException {
        db = mysql.createDatabase("ranges");
        sidecar = mysql.createDatabase("ranges_sidecar");
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, sidecar);
        }
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
    }

    @Test
    void twoConnectionsCopyARangeEachAndARestartResumesBoth() throws Exception {
        MigrationRow row = migration("m1", "n < 30000", "n * 3");

        // Rows locked in each half hold each connection in its own range, so the copy cannot end
        // before it is seen under way, and stops with rows left.
        try (Connection holder = lock("33750", "90000")) {
            RowCopier copier = copier(2, 10);
            Poll.until(WAIT, "both ranges under way", () -> {
                assertTrue(copier.copyNext(current(row)), "the copy ended while rows it must copy were locked");
                return mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.copy_ranges WHERE last_key > after_key") == 2;
            });
            closeWhileLocked(copier, holder);
        }
        List<String> ranges = mysql.column("SELECT CONCAT(after_key, '..', end_key, '@', last_key) FROM `" + sidecar
                + "`.copy_ranges WHERE migration_id = 'm1' ORDER BY after_key");
        assertEquals(2, ranges.size(), "one range per connection: " + ranges);
        assertEquals(shadowRows(), mysql.longValue("SELECT SUM(rows_copied) FROM `" + sidecar + "`.copy_ranges"),
                "each chunk committed with its range's progress");
        assertTrue(shadowRows() < 30_001, "stopped with rows left to copy: " + shadowRows() + " " + ranges);

        copyAll(copier(2, 1_000), row);

        assertTableEqualsShadow();
        assertEquals(shadowRows(), mysql.longValue("SELECT rows_copied FROM `" + sidecar
                + "`.migrations WHERE migration_id = 'm1'"), "rows copied counts each row once across the restart");
        assertEquals("[90000]", mysql.value("SELECT copy_last_key FROM `" + sidecar
                + "`.migrations WHERE migration_id = 'm1'"), "every key up to the largest is copied");
        assertEquals(0L, mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.copy_ranges"),
                "a finished copy forgets its ranges");
    }

    @Test
    void unevenKeysKeepEveryConnectionBusyUntilTheLastChunks() throws Exception {
        // 20,000 dense keys, then 2,000 spread over a million: the sparse ranges finish far earlier
        MigrationRow row = migration("m2", "n < 22000", "IF(n < 20000, n, 20000 + (n - 20000) * 500)");
        long[] maxRanges = {0};
        // the largest key is locked: the copy cannot end before the test has seen enough
        try (Connection holder = lock("1020000")) {
            RowCopier copier = copier(3, 10);
            Poll.until(WAIT, () -> "more ranges than connections, " + maxRanges[0] + " so far", () -> {
                assertTrue(copier.copyNext(current(row)), "the copy ended while a row it must copy was locked");
                long open = mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.copy_ranges WHERE last_key < end_key");
                assertTrue(open <= 3, open + " ranges open for 3 connections");
                maxRanges[0] = Math.max(maxRanges[0], mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.copy_ranges"));
                return maxRanges[0] > 3;
            });
            holder.commit();
            copyAll(copier, row);
        }
        assertTableEqualsShadow();
    }

    /** A transaction holding the rows of {@code t} with these keys locked (for update). */
    private Connection lock(String... keys) throws SQLException {
        Connection holder = mysql.connect();
        holder.setAutoCommit(false);
        try (var s = holder.createStatement()) {
            s.executeQuery("SELECT id FROM `" + db + "`.t WHERE id IN (" + String.join(", ", keys) + ") FOR UPDATE").close();
        }
        return holder;
    }

    /**
     * Closes the copier the way a restart does, while {@code holder}'s locks keep the copy from
     * ending: once it has asked its workers to stop (and waits for those held by a lock, if any),
     * the locks are released, so each worker ends with the chunk it was in.
     */
    private static void closeWhileLocked(RowCopier copier, Connection holder) throws Exception {
        Thread closer = new Thread(copier::close, "closer");
        closer.start();
        Poll.until(WAIT, () -> "the copier asks its workers to stop; it is " + closer.getState(),
                () -> closer.getState() == Thread.State.WAITING || closer.getState() == Thread.State.TERMINATED);
        holder.commit();
        closer.join(WAIT.toMillis());
        assertTrue(!closer.isAlive(), "the copier closed once its workers ended their chunks");
    }

    @Test
    void aRowTheSinkWroteBeforeTheCopyIsOverwrittenWithWhatTheCopyReads() throws SQLException {
        MigrationRow row = migration("m4", "n < 3000", "n + 1");
        // as the sink leaves them: versions older than the table's, and the sink skips later
        // changes of rows ahead of the copy (CopyFrontier)
        mysql.execute("INSERT INTO `" + db + "`.t_new SELECT id, 'older', pad FROM `" + db + "`.t WHERE id % 7 = 0");

        copyAll(copier(2), row);

        assertEquals(0L, mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.t_new WHERE v = 'older'"));
        assertTableEqualsShadow();
    }

    @Test
    void oneConnectionCopiesLikeOneChunkAtATime() throws SQLException {
        MigrationRow row = migration("m3", "n < 5000", "n + 1");

        copyAll(copier(1), row);

        assertTableEqualsShadow();
        assertEquals("[5001]", mysql.value("SELECT copy_last_key FROM `" + sidecar + "`.migrations"));
    }

    /** A table {@code t} of the rows {@code n} = 0, 1, … while {@code where} held for the one before, keyed by {@code key(n)}; an empty shadow; the migration row. */
    private MigrationRow migration(String id, String where, String key) throws SQLException {
        mysql.execute("CREATE TABLE `" + db + "`.t (id BIGINT PRIMARY KEY, v VARCHAR(32), pad CHAR(100))",
                "SET SESSION cte_max_recursion_depth = 1000000",
                "INSERT INTO `" + db + "`.t WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE " + where
                        + ") SELECT " + key + ", CONCAT('v', n), REPEAT('p', 90) FROM s",
                "CREATE TABLE `" + db + "`.t_new LIKE `" + db + "`.t",
                "ALTER TABLE `" + db + "`.t_new MODIFY v VARCHAR(64)");
        try (Connection c = mysql.connect()) {
            TableInspector tables = new TableInspector(c);
            String map = ColumnMap.of(tables.read(db, "t").orElseThrow(), tables.read(db, "t_new").orElseThrow(), ColumnChanges.none())
                    .toJson();
            MigrationRow row = MigrationRow.queued(id, db, "t", "ALTER TABLE t MODIFY v VARCHAR(64)", "t_new", "t_old", map);
            new MigrationStore(sidecar).insert(c, row);
            return row;
        }
    }

    private RowCopier copier(int threads) {
        return copier(threads, 1_000);
    }

    private RowCopier copier(int threads, int chunkRows) {
        return new RowCopier(new Connections(settings), sidecar, chunkRows, threads, ThrottleSettings.NONE);
    }

    /** Copies to the end as the reconciler does (the row read afresh before each call); returns the calls that copied. */
    private int copyAll(RowCopier copier, MigrationRow row) throws SQLException {
        int calls = 0;
        try (copier) {
            while (copier.copyNext(current(row))) {
                calls++;
            }
        }
        return calls;
    }

    private MigrationRow current(MigrationRow row) throws SQLException {
        try (Connection c = mysql.connect()) {
            return new MigrationStore(sidecar).find(c, row.migrationId()).orElseThrow();
        }
    }

    private long shadowRows() throws SQLException {
        return mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.t_new");
    }

    private void assertTableEqualsShadow() throws SQLException {
        String checksum = "SELECT CONCAT(COUNT(*), '/', COALESCE(SUM(CRC32(CONCAT_WS('#', id, v, pad))), 0)) FROM `" + db + "`.";
        assertEquals(mysql.value(checksum + "t"), mysql.value(checksum + "t_new"), "the shadow holds every row of the table");
    }
}
