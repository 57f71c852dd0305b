package dev.twoway.it.fidelity;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;

/**
 * One test per defect of the fidelity issue (10), each on a small table through the real
 * pipeline, each comparing the live table with what MySQL itself makes of the same rows.
 */
class FidelityDefectsIT extends PipelineTest {
    private static final Duration STATE = Duration.ofMinutes(3);

    @Override
    protected String databasePrefix() {
        return "defects";
    }

    /** Defect 1: a NULL in a nullable column DEFAULT CURRENT_TIMESTAMP stays NULL, in both directions. */
    @Test
    void aNullWrittenToAColumnThatDefaultsToTheClockStaysNullBothWays() throws Exception {
        String t = table("d_null", "(id INT PRIMARY KEY, ts TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3), "
                + "dt DATETIME NULL DEFAULT CURRENT_TIMESTAMP, v INT)");
        mysql.execute("INSERT INTO " + t + " VALUES (1, NULL, NULL, 1), (2, DEFAULT, DEFAULT, 2)");
        String migration = pipeline.migrate("ALTER TABLE " + t + " ADD COLUMN extra INT NULL", "ready", Map.of());
        pipeline.awaitState(migration, "ready", STATE);
        mysql.execute("INSERT INTO " + t + " (id, ts, dt, v) VALUES (3, NULL, NULL, 3)", "UPDATE " + t + " SET ts = NULL, "
                + "dt = NULL WHERE id = 2");
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", STATE);
        assertEquals(List.of("1:-:-", "2:-:-", "3:-:-"), nulls(t), "NULL stays NULL in the live table after the cut-over");

        mysql.execute("INSERT INTO " + t + " (id, ts, dt, v) VALUES (4, NULL, NULL, 4)", "UPDATE " + t + " SET v = 20 "
                + "WHERE id = 2");
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", STATE);
        assertEquals(List.of("1:-:-", "2:-:-", "3:-:-", "4:-:-"), nulls(t), "and in the old table, after the revert");
    }

    /** Defect 2: a row whose AUTO_INCREMENT key is 0 keeps it, in the copy and in the stream. */
    @Test
    void aRowWhoseAutoIncrementKeyIsZeroKeepsItsKey() throws Exception {
        String t = table("d_zero", "(id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        try (Connection c = mysql.connect(); var s = c.createStatement()) {
            s.execute("SET SESSION sql_mode = CONCAT(@@sql_mode, ',NO_AUTO_VALUE_ON_ZERO')");
            s.execute("INSERT INTO " + t + " VALUES (0, 'zero'), (1, 'one'), (2, 'two')");
        }
        String migration = pipeline.migrate("ALTER TABLE " + t + " MODIFY v VARCHAR(20)", "ready", Map.of());
        pipeline.awaitState(migration, "ready", STATE);
        mysql.execute("UPDATE " + t + " SET v = 'zero again' WHERE id = 0");
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", STATE);
        assertEquals(List.of("0:zero again", "1:one", "2:two"), mysql.column("SELECT CONCAT(id, ':', v) FROM " + t
                + " ORDER BY id"), "the row keeps key 0; none became 1 or 3");
    }

    /**
     * The AUTO_INCREMENT counter: MySQL's own ALTER keeps it, so an id freed by a DELETE of the
     * highest rows is never handed out again. The live table after the cut-over, the revert and
     * the re-apply numbers the next row as the oracle (the same statement by ALTER TABLE on a
     * twin table with the same history) does.
     */
    @Test
    void theAutoIncrementCounterIsKeptAsAlterTableKeepsIt() throws Exception {
        String t = table("d_counter", "(id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        String oracle = table("d_counter_oracle", "(id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(10))");
        for (String table : List.of(t, oracle)) {
            mysql.execute("INSERT INTO " + table + " (v) VALUES ('a'), ('b'), ('c'), ('d'), ('e')",
                    "DELETE FROM " + table + " WHERE id >= 4");
        }
        String change = "ADD COLUMN extra INT NULL";
        mysql.execute("ALTER TABLE " + oracle + " " + change);
        String migration = pipeline.migrate("ALTER TABLE " + t + " " + change, "ready", Map.of());
        pipeline.awaitState(migration, "ready", STATE);
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", STATE);
        assertEquals(nextId(oracle), nextId(t), "after the cut-over the next row is numbered as ALTER TABLE numbers it");

        for (String table : List.of(t, oracle)) {
            mysql.execute("INSERT INTO " + table + " (v) VALUES ('g'), ('h')", "DELETE FROM " + table + " WHERE v = 'h'");
        }
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", STATE);
        assertEquals(nextId(oracle), nextId(t), "after the revert too");
        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", STATE);
        assertEquals(nextId(oracle), nextId(t), "and after the re-apply");
    }

    /** Inserts a row without an id and returns the id MySQL gave it. */
    private String nextId(String table) throws SQLException {
        mysql.execute("INSERT INTO " + table + " (v) VALUES ('next')");
        return mysql.value("SELECT MAX(id) FROM " + table);
    }

    /** Defect 3: a new unique key over duplicate values fails the migration, naming the value; no row is merged. */
    @Test
    void aNewUniqueKeyOverDuplicatesFailsTheMigrationNamingTheValue() throws Exception {
        String t = table("d_unique", "(id INT PRIMARY KEY, val INT)");
        mysql.execute("INSERT INTO " + t + " VALUES (1, 10), (2, 20), (3, 30)");
        String migration = pipeline.migrate("ALTER TABLE " + t + " ADD UNIQUE KEY uk (val)", "ready", Map.of());
        pipeline.awaitState(migration, "ready", STATE);
        mysql.execute("INSERT INTO " + t + " VALUES (4, 10), (5, 20)");
        Map<String, String> failed = pipeline.awaitState(migration, "failed", STATE);
        assertTrue(failed.get("message").contains("uk") && failed.get("message").contains("10")
                        && failed.get("message").contains("ALTER TABLE fails"),
                "the reason names the key and the duplicate value: " + failed.get("message"));
        assertEquals("5", mysql.value("SELECT COUNT(*) FROM " + t), "the table keeps every row");
        assertEquals(List.of(), mysql.column("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + db + "' AND TABLE_NAME LIKE 'd\\_unique\\_tw%'"), "the shadow is dropped");

        String copied = table("d_unique_copy", "(id INT PRIMARY KEY, val INT)");
        mysql.execute("INSERT INTO " + copied + " VALUES (1, 10), (2, 10), (3, 30)");
        String refused = pipeline.migrate("ALTER TABLE " + copied + " ADD UNIQUE KEY uk (val)", "complete", Map.of());
        Map<String, String> row = pipeline.awaitState(refused, "failed", STATE);
        assertTrue(row.get("message").contains("uk") && row.get("message").contains("val=10"),
                "the copy names the duplicate value too: " + row.get("message"));
    }

    /**
     * A unique key both schemas have, under a writer that keeps moving its values between rows:
     * the copy reads rows the sink has yet to bring up to date, collides with them, and must wait
     * for the sink rather than merge rows or fail; the sink skips or clears what a later change
     * rewrites. The live table equals the old one, row by row, after the cut-over.
     */
    @Test
    void aUniqueKeyUnderChurnLosesAndMergesNoRow() throws Exception {
        String t = table("d_churn", "(id INT PRIMARY KEY, u INT NULL, v INT, UNIQUE KEY u_uk (u))");
        mysql.execute("SET SESSION cte_max_recursion_depth = 100000", "INSERT INTO " + t + " WITH RECURSIVE seq(n) AS "
                + "(SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < 3000) SELECT n, n, n FROM seq");
        AtomicBoolean stop = new AtomicBoolean();
        Thread writer = new Thread(() -> swapValues(t, stop), "churn-writer");
        writer.start();
        String migration;
        try {
            migration = pipeline.migrate("ALTER TABLE " + t + " ADD COLUMN w INT DEFAULT 5", "ready",
                    Map.of("migration.copy.chunk.rows", "50"));
            pipeline.awaitState(migration, "ready", STATE);
        }
        finally {
            stop.set(true);
            writer.join();
        }
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "complete");
        Map<String, String> row = pipeline.awaitState(migration, "complete", STATE);
        TableImage expected;
        TableImage actual;
        try (Connection c = mysql.connect()) {
            expected = TableImage.read(c, db, row.get("old_table"));
            actual = TableImage.read(c, db, "d_churn");
        }
        assertEquals(3000, actual.rows().size(), "no row lost or merged");
        TableImage live = new TableImage(actual.definition(), expected.columns(), withoutColumn(actual, "w"));
        assertEquals(List.of(), expected.differences(live, Set.of(), false, 5), "every row as the old table has it");
    }

    /** Defect 7: spatial values (with and without an SRID) cross the cut-over and the revert. */
    @Test
    void spatialValuesCrossTheCutoverAndTheRevert() throws Exception {
        String t = table("d_geo", "(id INT PRIMARY KEY, g GEOMETRY NULL, p POINT NOT NULL SRID 4326, title VARCHAR(10))");
        mysql.execute("INSERT INTO " + t + " VALUES (1, ST_GeomFromText('POLYGON((0 0, 4 0, 4 4, 0 0))'), "
                + "ST_GeomFromText('POINT(45 -73)', 4326), 'a')");
        String migration = pipeline.migrate("ALTER TABLE " + t + " DROP COLUMN title", "complete", Map.of());
        pipeline.awaitState(migration, "complete", STATE);
        mysql.execute("INSERT INTO " + t + " VALUES (2, ST_GeomFromText('LINESTRING(0 0, 1 2)', 3857), "
                + "ST_GeomFromText('POINT(10 20)', 4326))", "UPDATE " + t + " SET g = ST_GeomFromText('POINT(7 8)') WHERE id = 1");
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", STATE);
        assertEquals(List.of("1:POINT(7 8):0:POINT(45 -73):4326:a", "2:LINESTRING(0 0,1 2):3857:POINT(10 20):4326:-"),
                mysql.column("SELECT CONCAT_WS(':', id, ST_AsText(g), ST_SRID(g), ST_AsText(p), ST_SRID(p), "
                        + "COALESCE(title, '-')) FROM " + t + " ORDER BY id"),
                "the revert brings back every geometry written after the cut-over, SRIDs included");
    }

    /** Defect 8: INT to JSON, INT to ENUM and a rename to JSON convert as MySQL's own ALTER TABLE converts. */
    @Test
    void typeChangesConvertAsAlterTableConverts() throws Exception {
        String t = table("d_types", "(id INT PRIMARY KEY, a INT, b INT, c INT)");
        mysql.execute("INSERT INTO " + t + " VALUES (1, 5, 1, -7), (2, NULL, 3, 0), (3, -2147483648, 2, 42)");
        String change = "MODIFY a JSON, MODIFY b ENUM('x','y','z'), CHANGE c cj JSON";
        Oracle oracle = new Oracle(mysql, mysql.createDatabase("defects_oracle"));
        String original = showCreate("d_types");
        String migration = pipeline.migrate("ALTER TABLE " + t + " " + change, "ready", Map.of());
        pipeline.awaitState(migration, "ready", STATE);
        mysql.execute("INSERT INTO " + t + " VALUES (4, 123, 3, 9)", "UPDATE " + t + " SET a = 77, b = 1 WHERE id = 2");
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "complete");
        Map<String, String> row = pipeline.awaitState(migration, "complete", STATE);
        TableImage expected = oracle.forward(original, "d_types", db, row.get("old_table"), change);
        TableImage actual;
        try (Connection c = mysql.connect()) {
            actual = TableImage.read(c, db, "d_types");
        }
        assertEquals(List.of(), expected.differences(actual, Set.of(), true, 5), "copied and streamed rows equal ALTER's");
        mysql.execute("DROP DATABASE `" + oracle.database() + "`");
    }

    /**
     * Defect 9: a row the new schema refuses, arriving from the stream (a value out of range of a
     * narrowed column), fails that migration with MySQL's message, drops its shadow, and the sink
     * goes on serving the other tables.
     */
    @Test
    void aRowTheNewSchemaRefusesFailsThatMigrationAndTheSinkServesTheOthers() throws Exception {
        String refused = table("d_refused", "(id INT PRIMARY KEY, v INT)");
        String other = table("d_other", "(id INT PRIMARY KEY, v INT)");
        mysql.execute("INSERT INTO " + other + " VALUES (1, 1)");
        String failing = pipeline.migrate("ALTER TABLE " + refused + " MODIFY v TINYINT", "ready", Map.of());
        pipeline.awaitState(failing, "ready", STATE);
        String healthy = pipeline.migrate("ALTER TABLE " + other + " ADD COLUMN y INT DEFAULT 2", "ready", Map.of());
        pipeline.awaitState(healthy, "ready", STATE);

        mysql.execute("INSERT INTO " + refused + " VALUES (1, 1000)", "INSERT INTO " + other + " VALUES (2, 2)");
        Map<String, String> failed = pipeline.awaitState(failing, "failed", Duration.ofSeconds(60));
        assertTrue(failed.get("message").contains("Out of range value for column 'v'"), "MySQL's reason: "
                + failed.get("message"));
        pipeline.assertRunning();
        pipeline.target(healthy, "complete");
        pipeline.awaitState(healthy, "complete", STATE);
        assertEquals(List.of("1:1:2", "2:2:2"), mysql.column("SELECT CONCAT_WS(':', id, v, y) FROM " + other + " ORDER BY id"),
                "the other migration got every row, before and after the refusal");
        assertEquals(List.of(), mysql.column("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                + db + "' AND TABLE_NAME LIKE 'd\\_refused\\_tw%'"), "the refused migration's shadow is dropped");
        assertEquals("1", mysql.value("SELECT COUNT(*) FROM " + refused), "the table itself is untouched");
    }

    /** Swaps the unique values of two random rows, one transaction at a time: the key holds at every statement. */
    private void swapValues(String t, AtomicBoolean stop) {
        java.util.Random random = new java.util.Random(7);
        try (Connection c = mysql.connect(); var s = c.createStatement()) {
            c.setAutoCommit(false);
            while (!stop.get()) {
                int a = 1 + random.nextInt(3000);
                int b = 1 + random.nextInt(3000);
                if (a == b) {
                    continue;
                }
                String ua = value(s, "SELECT u FROM " + t + " WHERE id = " + a + " FOR UPDATE");
                String ub = value(s, "SELECT u FROM " + t + " WHERE id = " + b + " FOR UPDATE");
                s.executeUpdate("UPDATE " + t + " SET u = NULL WHERE id = " + a);
                s.executeUpdate("UPDATE " + t + " SET u = " + ua + ", v = v + 1 WHERE id = " + b);
                s.executeUpdate("UPDATE " + t + " SET u = " + ub + " WHERE id = " + a);
                c.commit();
                Thread.sleep(2);
            }
        }
        catch (SQLException | InterruptedException e) {
            throw new AssertionError("the churn writer stopped", e);
        }
    }

    private static String value(java.sql.Statement s, String sql) throws SQLException {
        try (var rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    private static Map<String, Map<String, String>> withoutColumn(TableImage image, String column) {
        Map<String, Map<String, String>> rows = new java.util.LinkedHashMap<>();
        image.rows().forEach((k, v) -> {
            Map<String, String> copy = new java.util.LinkedHashMap<>(v);
            copy.remove(column);
            rows.put(k, copy);
        });
        return rows;
    }

    private List<String> nulls(String t) throws SQLException {
        return mysql.column("SELECT CONCAT_WS(':', id, COALESCE(ts, '-'), COALESCE(dt, '-')) FROM " + t + " ORDER BY id");
    }

    private String showCreate(String name) throws SQLException {
        try (Connection c = mysql.connect(); var s = c.createStatement();
             var rs = s.executeQuery("SHOW CREATE TABLE `" + db + "`.`" + name + "`")) {
            rs.next();
            return rs.getString(2);
        }
    }

    private String table(String name, String columns) throws SQLException {
        String qualified = "`" + db + "`.`" + name + "`";
        mysql.execute("CREATE TABLE " + qualified + " " + columns);
        return qualified;
    }
}
