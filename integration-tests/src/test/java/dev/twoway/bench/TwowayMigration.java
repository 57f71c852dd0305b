package dev.twoway.bench;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * One twoway migration of a bench table through the shared pipeline: started, swapped, its
 * revert timed from the {@code PUT} of the new target to the state row saying {@code reverted},
 * then (once the writer has stopped) its coordinator deleted and its tables dropped.
 */
final class TwowayMigration {
    private static final Duration TIMEOUT = Duration.ofMinutes(20);

    private final TestMySql mysql;
    private final MigrationPipeline pipeline;
    private final String db;
    private final String table;
    private String id;

    TwowayMigration(TestMySql mysql, MigrationPipeline pipeline, String db, String table) {
        this.mysql = mysql;
        this.pipeline = pipeline;
        this.db = db;
        this.table = table;
    }

    String id() {
        return id;
    }

    /** Deploys the coordinator with {@code target} and waits for that state. */
    MigrationClock start(String target) throws Exception {
        return start(target, Map.of());
    }

    /** The same with extra coordinator options. */
    MigrationClock start(String target, Map<String, String> options) throws Exception {
        id = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` " + Tool.DDL, target, options);
        return MigrationClock.await(mysql, id, target, TIMEOUT);
    }

    MigrationClock moveTo(String target) throws Exception {
        pipeline.target(id, target);
        return MigrationClock.await(mysql, id, target, TIMEOUT);
    }

    /** Reverts, recording the time it took and the writer's stall from the request to one second after. */
    void revert(Load load, Sample sample) throws Exception {
        long requested = System.currentTimeMillis();
        MigrationClock clock = moveTo("reverted");
        long reverted = clock.firstSeen("reverted");
        sample.with(Metric.REVERT_S, (reverted - requested) / 1e3);
        sample.with(Metric.REVERT_TO_SWAP_S, (epochMillis(clock.lastRow().get("cutover_at")) - requested) / 1e3);
        sample.with(Metric.REVERT_CHECKSUM_S, checksumSeconds("revert"));
        load.stall(sample, Metric.REVERT_STALL_P99_MS, Metric.REVERT_STALL_MAX_MS, requested, reverted + 1_000);
    }

    /**
     * The seconds the checksum before the latest {@code swap} ("cut-over", "revert") took, as its
     * audit record gives them (snapshots and comparison); NaN when none ran.
     */
    private static final Pattern TOOK = Pattern.compile("took ([0-9.]+) s");

    double checksumSeconds(String swap) throws SQLException {
        String message = mysql.value("SELECT message FROM `_twoway`.`audit` WHERE migration_id = '" + id
                + "' AND stage LIKE '%checksum passed before the " + swap + "' ORDER BY seq DESC LIMIT 1");
        Matcher took = message == null ? null : TOOK.matcher(message);
        return took != null && took.find() ? Double.parseDouble(took.group(1)) : Double.NaN;
    }

    /**
     * The swap attempts of {@code kind} ("cutover", "revert") that got the lock: each inserts a
     * marker, so a cut-over that succeeded on its first attempt leaves exactly one.
     */
    long lockedSwaps(String kind) throws SQLException {
        return Long.parseLong(mysql.value("SELECT COUNT(*) FROM `_twoway`.`markers` WHERE migration_id = '" + id
                + "' AND kind = '" + kind + "'"));
    }

    /** A {@code DATETIME(3)} of the state row (UTC) as epoch ms. */
    private static long epochMillis(String utc) {
        return LocalDateTime.parse(utc.replace(' ', 'T')).toInstant(ZoneOffset.UTC).toEpochMilli();
    }

    /**
     * Waits until the sink has applied everything written to the table (see {@link #awaitDrained}),
     * deletes the coordinator, waits until it is gone, then drops the table and whatever it parked.
     */
    void drop() throws Exception {
        Map<String, String> row = pipeline.row(id);
        awaitDrained(row);
        TestConnect.deleteQuietly(id);
        Poll.until(Duration.ofSeconds(60), id + " deleted", () -> {
            try {
                TestConnect.cluster().connectorStatus(id);
                return false;
            }
            catch (RuntimeException gone) {
                return true;
            }
        });
        for (String name : new String[] {table, row.get("shadow_table"), row.get("old_table")}) {
            if (name != null) {
                mysql.execute("DROP TABLE IF EXISTS `" + db + "`.`" + name + "`");
            }
        }
    }

    /**
     * A row inserted into the table now shows in the table the sink writes (the parked new table
     * after a revert, the old one after a cut-over): the sink is past the writer's last statement.
     * Dropped under the stream, that table failed the sink every later run shares (1146).
     */
    private void awaitDrained(Map<String, String> row) throws Exception {
        String state = row.get("state");
        String written = "reverted".equals(state) ? row.get("shadow_table")
                : "complete".equals(state) ? row.get("old_table") : null;
        if (written == null) {
            return;
        }
        long key;
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO `" + db + "`.`" + table + "` () VALUES ()", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                key = keys.getLong(1);
            }
        }
        Poll.until(Duration.ofMinutes(5), "the sink applied the last write to " + written, () -> {
            pipeline.assertRunning();
            return mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.`" + written + "` WHERE id = " + key) == 1;
        });
    }
}
