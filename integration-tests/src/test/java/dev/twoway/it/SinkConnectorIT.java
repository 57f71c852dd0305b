package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.core.ddl.ColumnChanges;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.SidecarSchema;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.SourceStreaming;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The projecting sink against the real MySQL and the real source, with the coordinator played
 * by hand: a start marker turns the forward stream on, a cut-over (a plain RENAME between a
 * reached cutover marker and its settlement) turns it inverse, and a restarted task neither
 * loses nor repeats a change.
 */
class SinkConnectorIT {
    private static final AtomicInteger SEQUENCE = new AtomicInteger();
    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final String MIGRATION = "m-sink-it";

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;
    private String sidecar;
    private String prefix;
    private String source;
    private String sink;
    private MarkerStore markers;

    @BeforeEach
    void createTablesAndMigrationAndStartSource() throws SQLException {
        db = mysql.createDatabase("sinkit");
        sidecar = mysql.createDatabase("sinkit_sidecar");
        prefix = "sinkit" + ProcessHandle.current().pid() + "x" + SEQUENCE.incrementAndGet();
        source = prefix + "-source";
        sink = prefix + "-sink";
        markers = new MarkerStore(sidecar);
        mysql.execute("CREATE TABLE " + table("users") + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, "
                        + "name VARCHAR(64), title VARCHAR(64) NULL)",
                "INSERT INTO " + table("users") + " VALUES (1, 'ada', 'countess'), (2, 'alan', 'dr'), (3, 'grace', NULL)",
                "CREATE TABLE " + table("_users_new") + " LIKE " + table("users"),
                "ALTER TABLE " + table("_users_new") + " DROP COLUMN title");
        insertMigration();
        startSource();
    }

    /** What the coordinator's shadow step leaves behind: the sidecar tables and the migration row. */
    private void insertMigration() throws SQLException {
        try (Connection c = mysql.connect()) {
            SidecarSchema.ensure(c, sidecar);
            TableInspector inspector = new TableInspector(c);
            ColumnMap map = ColumnMap.of(inspector.read(db, "users").orElseThrow(),
                    inspector.read(db, "_users_new").orElseThrow(), ColumnChanges.none());
            new MigrationStore(sidecar).insert(c, MigrationRow.queued(MIGRATION, db, "users",
                    "ALTER TABLE users DROP COLUMN title", "_users_new", "_users_old", map.toJson()));
        }
    }

    private void startSource() {
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", "dev.twoway.source.TwowaySourceConnector");
        config.put("tasks.max", "1");
        config.put("topic.prefix", prefix);
        config.put("twoway.database", sidecar);
        config.put("database.include.list", db);
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "-1");
        TestConnect.runConnector(source, config, 1);
        SourceStreaming.await(prefix);
    }

    /**
     * The users topic is created first (the source snapshots no data, so it would appear only with
     * the first change), because a regex subscription notices new topics only minutes later.
     */
    private void startSink() {
        TestConnect.cluster().kafka().createTopic(prefix + "." + db + ".users", 1);
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", "dev.twoway.sink.TwowaySinkConnector");
        config.put("tasks.max", "1");
        config.put("twoway.database", sidecar);
        config.put("topics.regex", prefix + "\\." + db + "\\..*");
        TestConnect.runConnector(sink, config, 1);
    }

    @AfterEach
    void stopConnectorsAndDropDatabases() throws SQLException {
        TestConnect.deleteQuietly(sink);
        TestConnect.deleteQuietly(source);
        SourceStreaming.awaitStopped(prefix);
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
    }

    @Test
    void projectsForwardAfterStartAndInverseAfterCutoverAcrossTaskRestarts() throws Exception {
        startSink();
        mysql.execute("INSERT INTO " + table("users") + " VALUES (4, 'before start', 'x')");
        reach(MarkerKind.START);
        assertEquals(List.of(), rows("_users_new"), "nothing before the start marker reaches the shadow");

        // The coordinator's copy, by hand; nothing writes to users meanwhile.
        mysql.execute("INSERT INTO " + table("_users_new") + " (id, name) SELECT id, name FROM " + table("users"));
        forwardChanges();
        reach(MarkerKind.SYNC);
        assertEquals(rows("users"), rows("_users_new"), "the shadow follows users");
        assertEquals("alan turing", mysql.value("SELECT name FROM " + table("_users_new") + " WHERE id = 2"));

        applyEachChangeOnceAcrossARestart();

        Map<Long, String> titles = titles("users");
        cutOver();
        inverseChanges();
        reach(MarkerKind.SYNC);
        assertEquals(rows("users"), rows("_users_old"), "the old table follows users, inverse");
        Map<Long, String> keptTitles = titles("_users_old");
        titles.forEach((id, title) -> {
            if (keptTitles.containsKey(id)) {
                assertEquals(title, keptTitles.get(id), "title of pre-existing row " + id + " is kept");
            }
        });
        assertEquals("dr", keptTitles.get(2L), "row 2, renamed after the cut-over, keeps its title");
        assertTrue(keptTitles.containsKey(100L), "row 100, inserted after the cut-over, reached the old table");
        assertEquals(null, keptTitles.get(100L), "row 100 gets the default title");
    }

    private void forwardChanges() throws SQLException {
        mysql.execute("INSERT INTO " + table("users") + " (id, name, title) VALUES (5, 'edsger', 'prof')",
                "UPDATE " + table("users") + " SET name = 'alan turing' WHERE id = 2",
                "DELETE FROM " + table("users") + " WHERE id = 3");
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("INSERT INTO " + table("users") + " (id, name) VALUES (6, 'v1')");
            s.execute("UPDATE " + table("users") + " SET name = 'v2' WHERE id = 6");
            s.execute("DELETE FROM " + table("users") + " WHERE id = 1");
            s.execute("INSERT INTO " + table("users") + " (id, name, title) VALUES (1, 'ada again', 'lady')");
            s.execute("UPDATE " + table("users") + " SET name = 'v3' WHERE id = 6");
            c.commit();
        }
    }

    /**
     * A trigger on the shadow logs every row the sink writes; a change applied twice would show
     * twice, or out of order. The task is restarted while a writer changes one row 300 times.
     */
    private void applyEachChangeOnceAcrossARestart() throws Exception {
        mysql.execute("CREATE TABLE " + table("apply_log") + " (seq BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(64))",
                "CREATE TRIGGER " + table("log_update") + " AFTER UPDATE ON " + table("_users_new")
                        + " FOR EACH ROW INSERT INTO " + table("apply_log") + " (name) VALUES (NEW.name)");
        ExecutorService writer = Executors.newSingleThreadExecutor();
        try {
            Future<?> writes = writer.submit(() -> {
                for (int i = 1; i <= 300; i++) {
                    mysql.execute("UPDATE " + table("users") + " SET name = 'n" + i + "' WHERE id = 5");
                }
                return null;
            });
            Poll.until(WAIT, "the sink applies some of the writes", () -> count("apply_log") >= 50);
            TestConnect.cluster().restartTask(sink, 0);
            TestConnect.awaitRunning(sink, 1);
            writes.get();
        }
        finally {
            writer.shutdownNow();
        }
        reach(MarkerKind.SYNC);
        // A batch may write a key's last change only (the sink coalesces a key's changes on a table
        // whose keys are independent), so the log holds a subsequence of the updates: never one
        // twice, never one before an earlier one, and the last one.
        List<String> applied = mysql.column("SELECT name FROM " + table("apply_log") + " ORDER BY seq");
        int last = 0;
        for (String name : applied) {
            int i = Integer.parseInt(name.substring(1));
            assertTrue(i > last, "each update applied at most once, in order: " + applied);
            last = i;
        }
        assertEquals(300, last, "the last update applied: " + applied);
        assertEquals(rows("users"), rows("_users_new"));
        mysql.execute("DROP TRIGGER " + table("log_update"));
    }

    /** The coordinator's cut-over without the lock: nothing writes to users meanwhile. */
    private void cutOver() throws SQLException {
        long marker = reach(MarkerKind.CUTOVER);
        mysql.execute("RENAME TABLE " + table("users") + " TO " + table("_users_old") + ", "
                + table("_users_new") + " TO " + table("users"));
        try (Connection c = mysql.connect()) {
            assertTrue(markers.settle(c, marker, MarkerOutcome.DONE), "the cutover marker was pending");
        }
    }

    private void inverseChanges() throws Exception {
        mysql.execute("UPDATE " + table("users") + " SET name = 'alan m. turing' WHERE id = 2",
                "INSERT INTO " + table("users") + " (id, name) VALUES (100, 'new after cut-over')");
        TestConnect.cluster().restartTask(sink, 0);
        TestConnect.awaitRunning(sink, 1);
        mysql.execute("DELETE FROM " + table("users") + " WHERE id = 6",
                "UPDATE " + table("users") + " SET name = 'ada lovelace' WHERE id = 1",
                "INSERT INTO " + table("users") + " (id, name) VALUES (101, 'another')");
    }

    /** Inserts a marker for users and waits until the sink has reached it; returns its id. */
    private long reach(MarkerKind kind) throws SQLException {
        long id;
        try (Connection c = mysql.connect()) {
            id = markers.insert(c, MIGRATION, kind, db, "users");
        }
        Poll.until(WAIT, () -> kind.wireName() + " marker " + id + " reached by the sink; sink: "
                + TestConnect.describe(sink), () -> mysql.value("SELECT reached_offset FROM `" + sidecar
                + "`.`markers` WHERE marker_id = " + id) != null);
        return id;
    }

    /** {@code id|name} of every row, in key order. */
    private List<String> rows(String name) throws SQLException {
        return mysql.column("SELECT CONCAT_WS('|', id, name) FROM " + table(name) + " ORDER BY id");
    }

    private Map<Long, String> titles(String name) throws SQLException {
        Map<Long, String> titles = new java.util.HashMap<>();
        for (String row : mysql.column("SELECT CONCAT(id, '|', IFNULL(title, '')) FROM " + table(name))) {
            String[] parts = row.split("\\|", -1);
            titles.put(Long.parseLong(parts[0]), parts[1].isEmpty() ? null : parts[1]);
        }
        return titles;
    }

    private long count(String name) throws SQLException {
        return mysql.longValue("SELECT COUNT(*) FROM " + table(name));
    }

    private String table(String name) {
        return "`" + db + "`.`" + name + "`";
    }
}
