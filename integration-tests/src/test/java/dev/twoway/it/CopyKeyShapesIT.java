package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import dev.twoway.coordinator.copy.RowCopier;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.throttle.ThrottleSettings;
import dev.twoway.core.ddl.ColumnChanges;
import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.SidecarSchema;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestMySql;

/**
 * The copy of keys other than one signed integer column, cut into ranges by sampling the key's
 * index, on the real server and without Connect (the copier alone, called as the reconciler
 * calls it): each shape is copied as more ranges than connections ({@code copy_key_ranges}),
 * two of them under way at once, a restart mid-copy resumes every range, and the shadow ends
 * equal to the table, row by row.
 */
class CopyKeyShapesIT {
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final int ROWS = 12_000;
    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final ConnectionSettings settings = new ConnectionSettings(mysql.host(), mysql.port(), mysql.user(),
            mysql.password(), "DISABLED");
    private String db;
    private String sidecar;

    /** A key shape: the key's columns, and each one's value for row {@code n}. */
    enum Shape {
        /** Two columns, the second text: the order is by {@code a}, then {@code b}. */
        COMPOSITE("a INT NOT NULL, b VARCHAR(20) NOT NULL, PRIMARY KEY (a, b)",
                List.of("a", "b"), List.of("n DIV 7", "CONCAT('b', n % 7, REPEAT('x', n % 3))")),
        /**
         * UUID text under a case-insensitive collation, half of it upper case: MySQL orders
         * {@code 'A…' = 'a…' < 'B…'}, where a byte order puts every upper case key first.
         */
        UUID_VARCHAR_CI("k VARCHAR(36) COLLATE utf8mb4_0900_ai_ci NOT NULL PRIMARY KEY", List.of("k"),
                List.of("IF(n % 2 = 0, UPPER(@u), LOWER(@u))")),
        /** 16 bytes, zero and high bytes among them. */
        BINARY16("k BINARY(16) NOT NULL PRIMARY KEY", List.of("k"), List.of("UNHEX(LEFT(SHA2(n, 256), 32))")),
        /** Unsigned, on both sides of 2^63 (a signed long cannot hold the upper ones). */
        BIGINT_UNSIGNED("k BIGINT UNSIGNED NOT NULL PRIMARY KEY", List.of("k"),
                List.of("9223372036854775808 + (n - 6000) * 1536612061334")),
        /**
         * An ENUM first: MySQL orders it by the values' positions ({@code 'zeta' < 'alpha' < 'mid'}),
         * where the names compare the other way round.
         */
        ENUM_COMPOSITE("e ENUM('zeta', 'alpha', 'mid') NOT NULL, n INT NOT NULL, PRIMARY KEY (e, n)",
                List.of("e", "n"), List.of("ELT(1 + n % 3, 'zeta', 'alpha', 'mid')", "n"));

        final String columns;
        final List<String> key;
        final List<String> values;

        Shape(String columns, List<String> key, List<String> values) {
            this.columns = columns;
            this.key = key;
            this.values = values;
        }

        String uuidOf(String n) {
            String h = "SHA2(" + n + ", 256)";
            return "CONCAT_WS('-', SUBSTR(" + h + ", 1, 8), SUBSTR(" + h + ", 9, 4), SUBSTR(" + h + ", 13, 4), SUBSTR("
                    + h + ", 17, 4), SUBSTR(" + h + ", 21, 12))";
        }
    }

    @BeforeEach
    void createDatabases() throws SQLException {
        db = mysql.createDatabase("keys");
        sidecar = mysql.createDatabase("keys_sidecar");
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, sidecar);
        }
    }

    @AfterEach
    void dropDatabases() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
    }

    @ParameterizedTest
    @EnumSource(Shape.class)
    void aKeyOfThisShapeIsCopiedAsSampledRangesSideBySideAndARestartResumesThem(Shape shape) throws Exception {
        MigrationRow row = migration(shape);

        // rows a quarter and half way through held: the two workers take ranges in key order, so
        // once both wait on them every range past the middle is still unclaimed, and the copy stops
        // with rows left however fast the server (the last row held instead, a quiet server had
        // copied all else before the stop, and the held chunks then ended their ranges)
        try (Connection holder = lock(shape, ROWS / 4, ROWS / 2)) {
            RowCopier copier = copier(2, 100);
            Poll.until(WAIT, "two sampled ranges under way", () -> {
                assertTrue(copier.copyNext(current(row)), "the copy ended while rows it must copy were locked");
                return mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.copy_key_ranges WHERE last_key IS NOT NULL") >= 2;
            });
            closeWhileLocked(copier, holder);
        }
        long ranges = mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.copy_key_ranges WHERE migration_id = 'm'");
        assertTrue(ranges > 2, "more ranges than connections: " + ranges);
        assertEquals(0L, mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.copy_ranges"),
                "not copied as an integer range");
        assertEquals(shadowRows(), mysql.longValue("SELECT SUM(rows_copied) FROM `" + sidecar + "`.copy_key_ranges"),
                "each chunk committed with its range's progress");
        assertTrue(shadowRows() < ROWS, "stopped with rows left to copy: " + shadowRows());

        copyAll(copier(2, 1_000), row);

        assertEquals(0L, differingRows(shape), "every row of the table in the shadow, byte for byte");
        assertEquals((long) ROWS, shadowRows());
        assertEquals((long) ROWS, mysql.longValue("SELECT rows_copied FROM `" + sidecar
                + "`.migrations WHERE migration_id = 'm'"), "rows copied counts each row once across the restart");
        assertEquals(0L, mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.copy_key_ranges"),
                "a finished copy forgets its ranges");
    }

    /** A table {@code t} of {@link #ROWS} rows keyed as {@code shape}; an empty shadow; the migration row. */
    private MigrationRow migration(Shape shape) throws SQLException {
        List<String> values = new ArrayList<>();
        for (String value : shape.values) {
            values.add(value.replace("@u", shape.uuidOf("n")));
        }
        mysql.execute("CREATE TABLE `" + db + "`.t (" + shape.columns + ", v VARCHAR(32), pad CHAR(100))",
                "SET SESSION cte_max_recursion_depth = 1000000",
                "INSERT INTO `" + db + "`.t (" + String.join(", ", shape.key) + ", v, pad) WITH RECURSIVE s(n) AS "
                        + "(SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < " + (ROWS - 1) + ") SELECT "
                        + String.join(", ", values) + ", CONCAT('v', n), REPEAT('p', 90) FROM s",
                "CREATE TABLE `" + db + "`.t_new LIKE `" + db + "`.t",
                "ALTER TABLE `" + db + "`.t_new MODIFY v VARCHAR(64)");
        assertEquals((long) ROWS, mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.t"));
        try (Connection c = mysql.connect()) {
            TableInspector tables = new TableInspector(c);
            String map = ColumnMap.of(tables.read(db, "t").orElseThrow(), tables.read(db, "t_new").orElseThrow(),
                    ColumnChanges.none()).toJson();
            MigrationRow row = MigrationRow.queued("m", db, "t", "ALTER TABLE t MODIFY v VARCHAR(64)", "t_new", "t_old", map);
            new MigrationStore(sidecar).insert(c, row);
            return row;
        }
    }

    /** A transaction holding the rows at these positions in key order locked (for update). */
    private Connection lock(Shape shape, int... positions) throws SQLException {
        Connection holder = mysql.connect();
        holder.setAutoCommit(false);
        String keys = String.join(", ", shape.key.stream().map(k -> "`" + k + "`").toList());
        for (int position : positions) {
            List<Object> key = new ArrayList<>();
            try (PreparedStatement s = holder.prepareStatement("SELECT " + keys + " FROM `" + db + "`.t ORDER BY " + keys
                    + " LIMIT 1 OFFSET " + position); ResultSet rs = s.executeQuery()) {
                assertTrue(rs.next());
                for (int i = 1; i <= shape.key.size(); i++) {
                    key.add(rs.getObject(i));
                }
            }
            String where = String.join(" AND ", shape.key.stream().map(k -> "`" + k + "` = ?").toList());
            try (PreparedStatement s = holder.prepareStatement("SELECT 1 FROM `" + db + "`.t WHERE " + where + " FOR UPDATE")) {
                for (int i = 0; i < key.size(); i++) {
                    s.setObject(i + 1, key.get(i) instanceof java.math.BigInteger big ? new java.math.BigDecimal(big) : key.get(i));
                }
                try (ResultSet rs = s.executeQuery()) {
                    assertTrue(rs.next(), "row " + position + " locked");
                }
            }
        }
        return holder;
    }

    /** Closes the copier as a restart does while {@code holder}'s locks keep it from ending (see CopyRangesIT). */
    private static void closeWhileLocked(RowCopier copier, Connection holder) throws Exception {
        Thread closer = new Thread(copier::close, "closer");
        closer.start();
        Poll.until(WAIT, () -> "the copier asks its workers to stop; it is " + closer.getState(),
                () -> closer.getState() == Thread.State.WAITING || closer.getState() == Thread.State.TERMINATED);
        holder.commit();
        closer.join(WAIT.toMillis());
        assertTrue(!closer.isAlive(), "the copier closed once its workers ended their chunks");
    }

    private RowCopier copier(int threads, int chunkRows) {
        return new RowCopier(new Connections(settings), sidecar, chunkRows, threads, ThrottleSettings.NONE);
    }

    private void copyAll(RowCopier copier, MigrationRow row) throws SQLException {
        try (copier) {
            while (copier.copyNext(current(row))) {
                assertNotNull(current(row).copyLastKey());
            }
        }
    }

    private MigrationRow current(MigrationRow row) throws SQLException {
        try (Connection c = mysql.connect()) {
            return new MigrationStore(sidecar).find(c, row.migrationId()).orElseThrow();
        }
    }

    private long shadowRows() throws SQLException {
        return mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.t_new");
    }

    /**
     * Rows of the table and of the shadow that the other lacks or holds with other bytes: each
     * row of the table is found in the shadow by its key, then compared byte for byte.
     */
    private long differingRows(Shape shape) throws SQLException {
        String on = String.join(" AND ", shape.key.stream().map(k -> "y.`" + k + "` = x.`" + k + "`").toList());
        String same = String.join(" AND ", shape.key.stream().map(k -> "HEX(y.`" + k + "`) = HEX(x.`" + k + "`)").toList())
                + " AND HEX(y.v) = HEX(x.v) AND HEX(y.pad) = HEX(x.pad)";
        long identical = mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.t x JOIN `" + db + "`.t_new y ON " + on
                + " WHERE " + same);
        return mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.t") - identical + shadowRows() - identical;
    }
}
