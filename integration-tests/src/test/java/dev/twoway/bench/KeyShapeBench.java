package dev.twoway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.MigrationConfig;
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
import dev.twoway.it.support.TestMySql;

/**
 * The copy's rate per key shape, in one run on the same server: a table of {@code bench.rows}
 * rows (default 300,000) for each shape, its payload that of the main bench's items, copied
 * idle by the coordinator's copier as the reconciler calls it (default chunk rows and
 * connections), from the first call to the last, sampling of the key included. The integer
 * key's rate is the yardstick (the goal: every other shape at 0.8 of it or more);
 * {@code decimal} holds the integer key's values in a key the arithmetic cannot plan, so it is
 * the sampled ranges' cost on the same keys. Shapes alternate between runs; each table is loaded
 * just before its copy (random key order for the UUIDs, as they are inserted in service). Writes
 * {@code keys-latest.md} to {@code bench.out}. Run it with {@code ./twoway bench --keys}.
 */
class KeyShapeBench {
    private final TestMySql mysql = TestMySql.fromEnvironment();
    private final int rows = Integer.getInteger("bench.rows", 300_000);
    private final int runs = Integer.getInteger("bench.runs", 1);
    private final Path out = Path.of(System.getProperty("bench.out", "target/bench"));

    /** A key shape: the key's columns and their values for row {@code n}. */
    private record Shape(String name, String columns, String keyList, String values) {
    }

    private static final String UUID_TEXT = "LOWER(CONCAT_WS('-', SUBSTR(@h, 1, 8), SUBSTR(@h, 9, 4), SUBSTR(@h, 13, 4), "
            + "SUBSTR(@h, 17, 4), SUBSTR(@h, 21, 12)))".replace("@h", "SHA2(n, 256)");

    private static final List<Shape> ALL_SHAPES = List.of(
            new Shape("integer", "id BIGINT NOT NULL PRIMARY KEY", "id", "n"),
            new Shape("decimal", "id DECIMAL(20, 0) NOT NULL PRIMARY KEY", "id", "n"),
            new Shape("composite", "tenant INT NOT NULL, name_key VARCHAR(20) NOT NULL, PRIMARY KEY (tenant, name_key)",
                    "tenant, name_key", "n DIV 16, CONCAT('item-', n % 16)"),
            new Shape("uuid varchar(36)", "id VARCHAR(36) NOT NULL PRIMARY KEY", "id", UUID_TEXT),
            new Shape("binary(16)", "id BINARY(16) NOT NULL PRIMARY KEY", "id", "UNHEX(LEFT(SHA2(n, 256), 32))"),
            new Shape("bigint unsigned", "id BIGINT UNSIGNED NOT NULL PRIMARY KEY", "id", "9223372036854775808 + n * 3"));

    /** The shapes {@code bench.shapes} names (comma-separated; default all), the integer key always among them. */
    private static final List<Shape> SHAPES = selected(System.getProperty("bench.shapes", ""));

    private static List<Shape> selected(String names) {
        List<String> wanted = List.of(names.split(",")).stream().map(String::trim).filter(n -> !n.isEmpty()).toList();
        return ALL_SHAPES.stream().filter(s -> wanted.isEmpty() || s.name().equals("integer") || wanted.contains(s.name()))
                .toList();
    }

    @Test
    void copyRatePerKeyShape() throws Exception {
        String db = mysql.createDatabase("bench_keys");
        String sidecar = mysql.createDatabase("bench_keys_sidecar");
        Map<String, List<double[]>> figures = new LinkedHashMap<>();
        SHAPES.forEach(s -> figures.put(s.name(), new ArrayList<>()));
        String loadAtStart = Machine.loadAverage();
        try {
            try (Connection c = mysql.connect()) {
                SidecarSchema.ensure(c, sidecar);
            }
            for (int run = 0; run <= runs; run++) {
                List<Shape> order = new ArrayList<>(SHAPES);
                Collections.rotate(order, run);
                for (Shape shape : order) {
                    double[] measured = copy(db, sidecar, shape, run);
                    System.out.printf("%s run %d%s: %s %.0f rows/s, %.0f ranges%n", LocalDateTime.now().withNano(0), run,
                            run == 0 ? " (warm-up, not recorded)" : "", shape.name(), measured[0], measured[1]);
                    if (run > 0) {
                        figures.get(shape.name()).add(measured);
                    }
                }
            }
        }
        finally {
            mysql.execute("DROP DATABASE IF EXISTS `" + db + "`", "DROP DATABASE IF EXISTS `" + sidecar + "`");
        }
        write(report(figures, loadAtStart));
    }

    /** Loads the shape's table, copies it; its rows per second and how many ranges it was cut into. */
    private double[] copy(String db, String sidecar, Shape shape, int run) throws SQLException {
        mysql.execute("DROP TABLE IF EXISTS `" + db + "`.t", "DROP TABLE IF EXISTS `" + db + "`.t_new",
                "CREATE TABLE `" + db + "`.t (" + shape.columns() + ", k INT NULL, name VARCHAR(64) NULL, "
                        + "title VARCHAR(64) NULL, c CHAR(120) NULL, pad CHAR(60) NULL)",
                "SET SESSION cte_max_recursion_depth = 10000000",
                "INSERT INTO `" + db + "`.t (" + shape.keyList() + ", k, name, title, c, pad) WITH RECURSIVE seq(n) AS "
                        + "(SELECT 1 UNION ALL SELECT n + 1 FROM seq WHERE n < " + rows + ") SELECT " + shape.values()
                        + ", n % 1000, CONCAT('name-', n), IF(n % 3 = 0, NULL, CONCAT('title-', n)), "
                        + "CONCAT('c-', n, '-', REPEAT('x', 100)), CONCAT('pad-', n) FROM seq",
                "CREATE TABLE `" + db + "`.t_new LIKE `" + db + "`.t",
                "ALTER TABLE `" + db + "`.t_new MODIFY name VARCHAR(80)");
        mysql.column("ANALYZE TABLE `" + db + "`.t");
        MigrationRow row;
        try (Connection c = mysql.connect()) {
            TableInspector tables = new TableInspector(c);
            String map = ColumnMap.of(tables.read(db, "t").orElseThrow(), tables.read(db, "t_new").orElseThrow(),
                    ColumnChanges.none()).toJson();
            row = MigrationRow.queued("k" + run + "_" + SHAPES.indexOf(shape), db, "t",
                    "ALTER TABLE t MODIFY name VARCHAR(80)", "t_new", "t_old", map);
            new MigrationStore(sidecar).insert(c, row);
        }
        ConnectionSettings settings = new ConnectionSettings(mysql.host(), mysql.port(), mysql.user(), mysql.password(),
                "DISABLED");
        long ranges = 0;
        long started = System.nanoTime();
        try (RowCopier copier = new RowCopier(new Connections(settings), sidecar, MigrationConfig.CHUNK_ROWS_DEFAULT, 2,
                ThrottleSettings.NONE)) {
            boolean more = true;
            while (more) {
                more = copier.copyNext(current(sidecar, row));
                ranges = Math.max(ranges, mysql.longValue("SELECT (SELECT COUNT(*) FROM `" + sidecar + "`.copy_ranges) + "
                        + "(SELECT COUNT(*) FROM `" + sidecar + "`.copy_key_ranges)"));
            }
        }
        double seconds = (System.nanoTime() - started) / 1e9;
        assertEquals((long) rows, mysql.longValue("SELECT COUNT(*) FROM `" + db + "`.t_new"), shape.name() + ": every row copied");
        return new double[] {rows / seconds, ranges};
    }

    private static MigrationRow current(String sidecar, MigrationRow row) throws SQLException {
        try (Connection c = TestMySql.fromEnvironment().connect()) {
            return new MigrationStore(sidecar).find(c, row.migrationId()).orElseThrow();
        }
    }

    private String report(Map<String, List<double[]>> figures, String loadAtStart) {
        StringBuilder md = new StringBuilder("# twoway bench: the copy's rate per key shape\n\n");
        md.append(String.format("%s, commit %s: a table of %,d rows per shape (the items' payload), copied idle by the "
                + "copier (chunk rows %,d, 2 connections), %d run(s) each after one untimed; load average %s at the "
                + "start, %s at the end (%d cores; other work on the machine counts).%n%n", LocalDateTime.now().withNano(0),
                System.getProperty("bench.commit", "unknown"), rows, MigrationConfig.CHUNK_ROWS_DEFAULT, runs, loadAtStart,
                Machine.loadAverage(), Runtime.getRuntime().availableProcessors()));
        md.append("| key | copy rows/s (median) | of the integer key's | ranges |\n|---|---|---|---|\n");
        double integer = median(figures.get("integer"), 0);
        for (Map.Entry<String, List<double[]>> shape : figures.entrySet()) {
            double rate = median(shape.getValue(), 0);
            md.append(String.format("| %s | %,.0f | %.2f | %.0f |%n", shape.getKey(), rate, rate / integer,
                    median(shape.getValue(), 1)));
        }
        return md.toString();
    }

    private static double median(List<double[]> samples, int index) {
        double[] values = samples.stream().mapToDouble(s -> s[index]).sorted().toArray();
        return values.length == 0 ? Double.NaN : values[values.length / 2];
    }

    private void write(String report) throws IOException {
        Files.createDirectories(out);
        Files.writeString(out.resolve("keys-latest.md"), report);
        System.out.println(report);
    }
}
