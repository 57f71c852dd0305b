package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;

/**
 * A server whose time zone has daylight saving time: the hour the clocks go back is two hours of
 * instants that read as one local time. A {@code TIMESTAMP} keeps its instant in the table; MySQL's
 * own in-place {@code ALTER TABLE} keeps it, where a copy in the server's zone ({@code INSERT ...
 * SELECT}, or {@code ALGORITHM=COPY}) moves the second hour's values onto the first, and compares a
 * key range in local time, so rows of the second hour fall between two chunks. twoway's table,
 * after the cut-over, the revert and the re-apply, equals MySQL's own, every row read in UTC (the
 * instants, not their local text). A change whose values MySQL converts through the server's zone
 * (a {@code TIMESTAMP} becoming a {@code DATETIME}) on a table keyed by a {@code TIMESTAMP} cannot
 * be copied range by range there, and is refused before anything is created.
 */
class DaylightSavingIT extends PipelineTest {
    /** Daylight saving time ends at 06:00 UTC on 1 November 2026 (and on 2 November 2025). */
    private static final String ZONE = "America/New_York";
    private static final Duration WAIT = Duration.ofMinutes(2);
    private static final String KEYED = "k TIMESTAMP NOT NULL PRIMARY KEY, at TIMESTAMP(3) NULL, v INT NOT NULL, "
            + "title VARCHAR(20)";
    private String previousZone;
    private String oracle;

    @Override
    protected String databasePrefix() {
        return "dst";
    }

    @BeforeAll
    void serverInADaylightSavingZone() throws SQLException {
        assumeTrue(mysql.longValue("SELECT COUNT(*) FROM mysql.time_zone_name WHERE Name = '" + ZONE + "'") > 0,
                "the server has no time zone tables");
        previousZone = mysql.value("SELECT @@GLOBAL.time_zone");
        mysql.execute("SET GLOBAL time_zone = '" + ZONE + "'");
        oracle = mysql.createDatabase("dst_oracle");
    }

    @AfterAll
    void serverZoneBack() throws SQLException {
        if (previousZone != null) {
            mysql.execute("SET GLOBAL time_zone = '" + previousZone + "'");
        }
        if (oracle != null) {
            mysql.execute("DROP DATABASE IF EXISTS `" + oracle + "`");
        }
    }

    @Test
    void aTimestampKeyAndValuesInTheRepeatedHourKeepTheirInstantsThroughCutoverRevertAndReapply() throws Exception {
        create(db, "tk");
        inUtc("CREATE TABLE `" + oracle + "`.tk LIKE `" + db + "`.tk",
                "INSERT INTO `" + oracle + "`.tk SELECT * FROM `" + db + "`.tk");
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.tk DROP COLUMN title", "ready",
                Map.of("migration.copy.chunk.rows", "200"));
        pipeline.awaitState(migration, "ready", WAIT);
        // written while the sink streams: new rows keyed in the other year's repeated hour, changed
        // and deleted rows of this one's, the same statements on the oracle's copy
        for (String schema : List.of(db, oracle)) {
            String t = "`" + schema + "`.tk";
            inUtc("INSERT INTO " + t + " (k, at, v, title) SELECT TIMESTAMPADD(MINUTE, n, '2025-11-02 05:30:00'), "
                            + "TIMESTAMPADD(SECOND, 7 * n, '2025-11-02 06:00:00.125'), n, 'streamed' FROM " + numbers(60),
                    "UPDATE " + t + " SET v = v + 1000000, at = TIMESTAMPADD(MINUTE, 30, at) WHERE k BETWEEN "
                            + "'2026-11-01 06:10:00' AND '2026-11-01 06:20:00'",
                    "DELETE FROM " + t + " WHERE k BETWEEN '2026-11-01 06:40:00' AND '2026-11-01 06:41:00'");
        }
        inUtc("CREATE TABLE `" + oracle + "`.tk_before LIKE `" + oracle + "`.tk",
                "INSERT INTO `" + oracle + "`.tk_before SELECT * FROM `" + oracle + "`.tk");
        // MySQL's own ALTER, in a session with the server's defaults (its zone with daylight saving time)
        mysql.execute("ALTER TABLE `" + oracle + "`.tk DROP COLUMN title");
        List<String> altered = rows(oracle, "tk");
        List<String> before = rows(oracle, "tk_before");
        assertEquals(before.size(), altered.size(), "MySQL's ALTER keeps every row");

        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", WAIT);
        assertEquals(definition(oracle, "tk"), definition(db, "tk"), "after the cut-over: MySQL's definition");
        assertRows(altered, rows(db, "tk"), "after the cut-over");

        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", WAIT);
        assertRows(before, rows(db, "tk"), "after the revert");

        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", WAIT);
        assertRows(altered, rows(db, "tk"), "after the re-apply");
    }

    @Test
    void aChangeConvertedThroughTheServersZoneOnATimestampKeyIsRefusedBeforeAnythingIsCreated() throws Exception {
        create(db, "tz");
        List<String> rows = rows(db, "tz");
        String migration = pipeline.migrate("ALTER TABLE `" + db + "`.tz MODIFY at DATETIME(3)", "complete", Map.of());
        Map<String, String> row = pipeline.awaitState(migration, "failed", WAIT);
        String message = row.get("message");
        assertTrue(message.contains("daylight saving time") && message.contains("`k`")
                && message.contains(ZONE), message);
        assertEquals("0", mysql.value("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME LIKE '%tz%' AND TABLE_NAME <> 'tz'"), "no shadow left");
        assertEquals(rows, rows(db, "tz"), "the table untouched");
    }

    /**
     * One row every 5 seconds from 04:00 to 08:00 UTC on the day daylight saving time ends: 05:00
     * to 06:00 and 06:00 to 07:00 both read as 01:00 to 02:00 in New York. Written in UTC.
     */
    private void create(String schema, String table) throws SQLException {
        String t = "`" + schema + "`.`" + table + "`";
        inUtc("CREATE TABLE " + t + " (" + KEYED + ")",
                "INSERT INTO " + t + " SELECT TIMESTAMPADD(SECOND, 5 * n, '2026-11-01 04:00:00'), "
                        + "TIMESTAMPADD(SECOND, 5 * n, '2026-11-01 04:00:00.250'), n, CONCAT('t', n) FROM "
                        + numbers(2881));
    }

    private static String numbers(int count) {
        return "(WITH RECURSIVE s(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM s WHERE n < " + (count - 1)
                + ") SELECT n FROM s) AS numbers";
    }

    private static void assertRows(List<String> expected, List<String> actual, String when) {
        List<String> missing = new ArrayList<>(expected);
        missing.removeAll(actual);
        List<String> extra = new ArrayList<>(actual);
        extra.removeAll(expected);
        assertTrue(missing.isEmpty() && extra.isEmpty(), when + ": " + missing.size() + " of MySQL's rows missing (first "
                + missing.subList(0, Math.min(5, missing.size())) + "), " + extra.size() + " rows it does not have (first "
                + extra.subList(0, Math.min(5, extra.size())) + ")");
        assertEquals(expected, actual, when + ": the rows in key order");
    }

    /** Every row, each TIMESTAMP as its instant (read in UTC), in key order. */
    private List<String> rows(String schema, String table) throws SQLException {
        List<String> columns = new ArrayList<>();
        List<String> rows = new ArrayList<>();
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            try (ResultSet rs = s.executeQuery("SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '"
                    + schema + "' AND TABLE_NAME = '" + table + "' ORDER BY ORDINAL_POSITION")) {
                while (rs.next()) {
                    columns.add("IFNULL(`" + rs.getString(1) + "`, 'NULL')");
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT CONCAT_WS('|', " + String.join(", ", columns) + ") FROM `"
                    + schema + "`.`" + table + "` ORDER BY k")) {
                while (rs.next()) {
                    rows.add(rs.getString(1));
                }
            }
        }
        return rows;
    }

    private String definition(String schema, String table) throws SQLException {
        try (Connection c = mysql.connect(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SHOW CREATE TABLE `" + schema + "`.`" + table + "`")) {
            rs.next();
            return rs.getString(2);
        }
    }

    private void inUtc(String... statements) throws SQLException {
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.execute("SET SESSION time_zone = '+00:00'");
            s.execute("SET SESSION cte_max_recursion_depth = 100000");
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
