package dev.twoway.bench;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TestMySql;

/**
 * The sink's lag while a migration is held at {@code ready}, measured two ways: directly, from
 * the commit of an update of a probe row in the live table to the moment the shadow table shows
 * it (polled every millisecond); and as the coordinator reports it, the {@code lag_ms} of each
 * sync marker (insert to reached, to its 200 ms tick).
 */
final class SinkLagProbe {
    private static final long PROBE_EVERY_MS = 200;

    private final TestMySql mysql;
    private final MigrationPipeline pipeline;

    SinkLagProbe(TestMySql mysql, MigrationPipeline pipeline) {
        this.mysql = mysql;
        this.pipeline = pipeline;
    }

    void measure(String db, String table, String migration, Duration hold, Sample sample) throws Exception {
        String shadow = "`" + db + "`.`" + pipeline.row(migration).get("shadow_table") + "`";
        String live = "`" + db + "`.`" + table + "`";
        List<Double> lags = new ArrayList<>();
        Map<String, Double> markerLags = new LinkedHashMap<>();
        try (Connection writer = mysql.connect(); Connection reader = mysql.connect();
             PreparedStatement read = reader.prepareStatement("SELECT name FROM " + shadow + " WHERE id = ?")) {
            long id = insertProbe(writer, live);
            awaitInShadow(read, id, "probe-0", Duration.ofSeconds(60));
            long end = System.currentTimeMillis() + hold.toMillis();
            for (int i = 1; System.currentTimeMillis() < end; i++) {
                long next = System.currentTimeMillis() + PROBE_EVERY_MS;
                try (Statement s = writer.createStatement()) {
                    s.executeUpdate("UPDATE " + live + " SET name = 'probe-" + i + "' WHERE id = " + id);
                }
                long committed = System.nanoTime();
                awaitInShadow(read, id, "probe-" + i, Duration.ofSeconds(60));
                lags.add((System.nanoTime() - committed) / 1e6);
                Map<String, String> row = pipeline.row(migration);
                if (row.get("lag_ms") != null && row.get("stage").startsWith("ready: in sync")) {
                    markerLags.put(row.get("stage"), Double.parseDouble(row.get("lag_ms")));
                }
                Thread.sleep(Math.max(0, next - System.currentTimeMillis()));
            }
        }
        Distribution probe = Distribution.of(lags);
        Distribution markers = Distribution.of(markerLags.values());
        sample.with(Metric.LAG_P50_MS, probe.percentile(50)).with(Metric.LAG_P99_MS, probe.percentile(99))
                .with(Metric.MARKER_LAG_P50_MS, markers.percentile(50)).with(Metric.MARKER_LAG_P99_MS, markers.percentile(99));
        System.out.printf("sink lag: %d probes p50 %.0f ms p99 %.0f ms max %.0f ms; %d sync markers p50 %.0f ms p99 %.0f ms%n",
                lags.size(), probe.percentile(50), probe.percentile(99), probe.max(), markerLags.size(),
                markers.percentile(50), markers.percentile(99));
    }

    /** A row the writer never touches (it only knows the ids it found or inserted itself). */
    private static long insertProbe(Connection c, String live) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + live + " (k, name) VALUES (-1, 'probe-0')", Statement.RETURN_GENERATED_KEYS);
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    private static void awaitInShadow(PreparedStatement read, long id, String name, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        read.setLong(1, id);
        while (true) {
            try (ResultSet rs = read.executeQuery()) {
                if (rs.next() && name.equals(rs.getString(1))) {
                    return;
                }
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the shadow did not show " + name + " within " + timeout);
            }
            Thread.sleep(1);
        }
    }
}
