package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.cutover.Cutover;
import dev.twoway.coordinator.cutover.CutoverSettings;
import dev.twoway.coordinator.cutover.MySqlCutoverSteps;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.coordinator.sidecar.Connections;
import dev.twoway.coordinator.sidecar.MySqlSidecar;
import dev.twoway.coordinator.sidecar.MySqlTables;
import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.SidecarSchema;
import dev.twoway.core.state.TableNames;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestMySql;

/**
 * A group's locked swap on the real server, without Connect: the cut-over's steps as the swap
 * step runs them, and a stand-in for the sink that marks the markers reached only once a writer is
 * queued on every member's table behind the lock. Those writers are the ones the swap must not
 * lose: each must land in the table live after the RENAME. With one connection letting go of
 * every lock at once, the writer of every table but the first in MySQL's lock order landed in the
 * table being parked (seen here, before the hand-over). The members are named so that MySQL's lock
 * order (by name) is not their deploy order.
 */
class GroupSwapIT {
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final List<String> TABLES = List.of("zeta", "alpha", "mid");
    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final ConnectionSettings settings = new ConnectionSettings(mysql.host(), mysql.port(), mysql.user(),
            mysql.password(), "DISABLED");
    private final List<CompletableFuture<Void>> writers = new ArrayList<>();
    private String db;
    private String sidecar;
    private Connections connections;

    @BeforeEach
    void createTables() throws SQLException {
        db = mysql.createDatabase("groupswap");
        sidecar = mysql.createDatabase("groupswap_sidecar");
        connections = new Connections(settings);
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, sidecar);
            MigrationStore store = new MigrationStore(sidecar);
            for (String table : TABLES) {
                String id = "gs-" + table;
                execute(c, "CREATE TABLE `" + db + "`.`" + table + "` (id INT AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20))",
                        "CREATE TABLE `" + db + "`.`" + TableNames.shadow(table, id) + "` (id INT AUTO_INCREMENT "
                                + "PRIMARY KEY, v VARCHAR(20), added INT)",
                        "INSERT INTO `" + db + "`.`" + table + "` (v) VALUES ('before')",
                        "INSERT INTO `" + db + "`.`" + TableNames.shadow(table, id) + "` (v) VALUES ('before')");
                store.insert(c, MigrationRow.queued(id, db, table, "ALTER TABLE `" + db + "`.`" + table
                        + "` ADD COLUMN added INT", TableNames.shadow(table, id), TableNames.old(table, id), "{}"));
                store.transition(c, id, MigrationState.QUEUED, MigrationState.READY, "ready", null);
            }
        }
    }

    @AfterEach
    void dropDatabases() throws Exception {
        for (CompletableFuture<Void> writer : writers) {
            writer.cancel(true);
        }
        connections.close();
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
    }

    @Test
    void aGroupCutoverRenamesEveryTableInOneStatementAndWritersQueuedOnAnyOfThemLandInTheNewTables()
            throws Exception {
        Cutover.Result forward = swap(SwapPlan.forward(rows()), "queued forward");

        assertTrue(forward.swapped(), forward.reason());
        awaitWriters();
        for (String table : TABLES) {
            String id = "gs-" + table;
            assertEquals(1, count(table, "queued forward"), "the writer queued on " + table + " wrote the new table");
            assertEquals(0, count(TableNames.old(table, id), "queued forward"), table + "'s old table got no write");
            assertEquals("1", mysql.value("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + db + "' AND TABLE_NAME = '" + table + "' AND COLUMN_NAME = 'added'"), table + " has the new schema");
        }
        assertOneSwapForAll("complete", "cutover");

        Cutover.Result backward = swap(SwapPlan.backward(rows()), "queued back");

        assertTrue(backward.swapped(), backward.reason());
        awaitWriters();
        for (String table : TABLES) {
            assertEquals(1, count(table, "queued back"), "the writer queued on " + table + " wrote the old table");
            assertEquals(0, count(TableNames.shadow(table, "gs-" + table), "queued back"));
        }
        assertOneSwapForAll("reverted", "revert");
    }

    @Test
    void aGroupSwapThatCannotTakeOneTableRenamesNoneAndDropsEverySentry() throws Exception {
        try (Connection reader = mysql.connect()) {
            // An open transaction that read one shadow holds its metadata lock: the RENAME cannot have it.
            reader.setAutoCommit(false);
            try (Statement s = reader.createStatement()) {
                s.executeQuery("SELECT * FROM `" + db + "`.`" + TableNames.shadow("mid", "gs-mid") + "`").close();
            }
            Cutover.Result result = swap(SwapPlan.forward(rows()), "queued");

            assertFalse(result.swapped());
            awaitWriters();
            reader.rollback();
        }
        for (String table : TABLES) {
            String id = "gs-" + table;
            assertEquals(1, count(table, "queued"), "the writer of " + table + " wrote the table, still the old one");
            assertTrue(mysql.value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                    + "' AND TABLE_NAME = '" + TableNames.old(table, id) + "'").equals("0"), "no sentry is left");
            assertEquals("ready", mysql.value("SELECT state FROM `" + sidecar + "`.migrations WHERE migration_id = '"
                    + id + "'"));
        }
        assertEquals(List.of("aborted"), mysql.column("SELECT DISTINCT outcome FROM `" + sidecar + "`.markers"));
    }

    @Test
    void aSwapIsNotStoppedByAnotherSessionsStatementWithFourByteCharacters() throws Exception {
        // information_schema.PROCESSLIST fails whole ("Cannot convert string ... from utf8mb4 to
        // utf8mb3") while any session runs a statement with such a character; the swap watched the
        // RENAME through it and failed under the lock.
        CompletableFuture<Void> emoji = CompletableFuture.runAsync(() -> {
            try {
                mysql.value("SELECT SLEEP(20), '\uD83D\uDE00'");
            }
            catch (SQLException e) {
                throw new IllegalStateException(e);
            }
        });
        Poll.until(WAIT, "the statement with an emoji runs", () -> mysql.longValue("SELECT COUNT(*) FROM "
                + "performance_schema.processlist WHERE INFO LIKE 'SELECT SLEEP(20)%'") == 1);
        try {
            Cutover.Result result = swap(SwapPlan.forward(rows().subList(0, 1)), "queued");

            assertTrue(result.swapped(), result.reason());
            awaitWriters();
        }
        finally {
            mysql.execute("KILL QUERY " + mysql.value("SELECT ID FROM performance_schema.processlist WHERE INFO LIKE "
                    + "'SELECT SLEEP(20)%'"));
            emoji.handle((v, e) -> null).get(30, TimeUnit.SECONDS);
        }
    }

    /** One attempt of the plan, the stand-in sink queueing a writer per table before it reaches the markers. */
    private Cutover.Result swap(SwapPlan plan, String value) throws Exception {
        MySqlSidecar state = new MySqlSidecar(connections::main, sidecar);
        MySqlCutoverSteps steps = new MySqlCutoverSteps(connections, state, new MySqlTables(connections::main),
                new CutoverSettings(1_500, 10_000, 1, 0), plan, rows(), (rows, ms) -> true, p -> Optional.empty(),
                new Transitions("gs", state, new AuditSignal(), Duration.ofMinutes(30)));
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> sink = CompletableFuture.runAsync(() -> standInSink(plan, value, stop));
        try {
            return new Cutover(steps, plan.word(), 1_500, 10_000, System::nanoTime).attempt();
        }
        finally {
            stop.set(true);
            sink.get(30, TimeUnit.SECONDS);
        }
    }

    /** Waits for the group's swap markers, queues one writer per table behind the lock, then reaches the markers. */
    private void standInSink(SwapPlan plan, String value, AtomicBoolean stop) {
        try {
            String pending = "FROM `" + sidecar + "`.markers WHERE kind IN ('cutover', 'revert') AND reached_offset IS NULL";
            Poll.until(WAIT, "the group's markers", () -> stop.get()
                    || mysql.longValue("SELECT COUNT(*) " + pending) == plan.members().size());
            if (stop.get()) {
                return;
            }
            List<String> live = plan.members().stream().map(SwapPlan.Member::table).toList();
            for (String table : live) {
                writers.add(CompletableFuture.runAsync(() -> insert(table, value)));
            }
            Poll.until(WAIT, "a writer queued on every table", () -> mysql.longValue("SELECT COUNT(*) FROM "
                    + "performance_schema.processlist WHERE STATE = 'Waiting for table metadata lock' AND INFO LIKE "
                    + "'INSERT INTO%'") == live.size());
            mysql.execute("UPDATE `" + sidecar + "`.markers SET reached_topic = 'topic', reached_partition = 0, "
                    + "reached_offset = marker_id, reached_at = CURRENT_TIMESTAMP(3) WHERE kind IN ('cutover', 'revert') "
                    + "AND reached_offset IS NULL");
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void insert(String table, String value) {
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO `" + db + "`.`" + table + "` (v) VALUES ('" + value + "')");
        }
        catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitWriters() throws Exception {
        for (CompletableFuture<Void> writer : writers) {
            writer.get(30, TimeUnit.SECONDS);
        }
        writers.clear();
    }

    private void assertOneSwapForAll(String state, String kind) throws SQLException {
        String where = " FROM `" + sidecar + "`.migrations WHERE migration_id LIKE 'gs-%'";
        assertEquals(List.of(state), mysql.column("SELECT DISTINCT state" + where));
        assertEquals(1, mysql.column("SELECT DISTINCT cutover_at" + where).size(), "one swap time for every member");
        assertEquals(1, mysql.column("SELECT DISTINCT freeze_gtid" + where).size(), "one freeze point for every member");
        assertEquals(List.of("done"), mysql.column("SELECT DISTINCT outcome FROM `" + sidecar + "`.markers WHERE kind = '"
                + kind + "'"));
        assertEquals(TABLES.size(), mysql.longValue("SELECT COUNT(*) FROM `" + sidecar + "`.markers WHERE kind = '"
                + kind + "'"), "one marker per member");
    }

    private List<MigrationRow> rows() throws SQLException {
        List<MigrationRow> rows = new ArrayList<>();
        try (Connection c = mysql.connect()) {
            for (String table : TABLES) {
                rows.add(new MigrationStore(sidecar).find(c, "gs-" + table).orElseThrow());
            }
        }
        return rows;
    }

    private long count(String table, String value) throws SQLException {
        return mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.`" + table + "` WHERE v = '" + value + "'");
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
