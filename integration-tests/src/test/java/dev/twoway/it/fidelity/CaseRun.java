package dev.twoway.it.fidelity;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * One case through the real pipeline: the table seeded with edge values, the migration copied
 * under a writer, cut over, written to, reverted, written to, re-applied; after each swap the
 * live table is compared with what MySQL makes of the same rows ({@link Oracle}). Writers stop
 * before each swap, so each comparison sees a table at rest.
 */
final class CaseRun {
    static final int SEED_ROWS = 400;
    private static final int PHASE_STATEMENTS = 120;
    private static final Duration STATE = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** What one direction compared. */
    record Direction(String name, int rows, int differing, boolean sameDefinition, long writes) {
    }

    /** The case's outcome: the directions compared, or the refusal seen. */
    record Result(FidelityCase fidelityCase, List<Direction> directions, String refusal) {
    }

    private final TestMySql mysql;
    private final MigrationPipeline pipeline;
    private final String db;
    private final Oracle oracle;
    private final FidelityCase c;
    private final String table;
    private final List<String> problems = new ArrayList<>();
    private final List<Direction> directions = new ArrayList<>();
    private final KeyMaker keys = new KeyMaker(1);
    private long seed;

    CaseRun(TestMySql mysql, MigrationPipeline pipeline, String db, Oracle oracle, FidelityCase c) {
        this.mysql = mysql;
        this.pipeline = pipeline;
        this.db = db;
        this.oracle = oracle;
        this.c = c;
        this.table = "f_" + c.name();
        this.seed = c.name().hashCode();
    }

    Result run() throws Exception {
        try {
            return stages();
        }
        catch (AssertionError | Exception e) {
            throw new AssertionError(c + " failed; pipeline " + pipeline.health(), e);
        }
    }

    private Result stages() throws Exception {
        mysql.execute(String.format(Locale.ROOT, c.create(), qualified()));
        try (EdgeWriter seeder = writer(c.oldDomains())) {
            if (c.zeroKey()) {
                seeder.seedZeroKey();
            }
            seeder.seed(SEED_ROWS);
        }
        String original = rawDefinition();
        String ddl = "ALTER TABLE " + qualified() + " " + c.change();
        if (c.expect() == FidelityCase.Expect.REFUSED) {
            return refused(ddl, original);
        }
        String migration;
        Map<String, String> row;
        try (EdgeWriter writer = writer(c.oldDomains())) {
            writer.start();
            migration = pipeline.migrate(ddl, "ready", Map.of("migration.copy.chunk.rows", "50"));
            if (c.expect() == FidelityCase.Expect.FAILS) {
                writer.stop();
                return failed(migration, original);
            }
            pipeline.awaitState(migration, "ready", STATE);
            awaitWrites(writer);
            writer.stop();
        }
        pipeline.awaitCaughtUp("tw_probe", STATE);
        pipeline.target(migration, "complete");
        row = pipeline.awaitState(migration, "complete", STATE);
        try {
            return swaps(migration, row, original);
        }
        finally {
            TestConnect.deleteQuietly(migration);
        }
    }

    private Result swaps(String migration, Map<String, String> row, String original) throws Exception {
        String oldTable = row.get("old_table");
        TableImage expectedForward = oracle.forward(original, table, db, oldTable, c.change());
        compare("forward", expectedForward, true, 0);
        Map<String, String> pairs = pairs(original, expectedForward);
        checkColumnMap(row.get("column_map"), pairs);
        oracle.snapshot(db, oldTable, table + "_so");

        long written = write(c.newDomains(), oldTypes(original, pairs));
        oracle.snapshot(db, table, table + "_sn");
        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", STATE);
        oracle.project(table + "_so", table + "_sn", pairs, oldKey(pairs), onUpdate(oracle.database(), table + "_so", pairs.keySet()));
        TableImage expectedRevert = withDefinition(oracle.image(table + "_so"), normalized(original));
        compare("revert", expectedRevert, true, written);

        written = write(c.oldDomains(), Map.of());
        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", STATE);
        oracle.forward(original, table, db, oldTable, c.change());
        Map<String, String> shared = new LinkedHashMap<>();
        pairs.values().forEach(n -> shared.put(n, n));
        oracle.project(table + "_sn", table, shared, newKey(), onUpdate(oracle.database(), table + "_sn", shared.keySet()));
        compare("re-apply", withDefinition(oracle.image(table + "_sn"), expectedForward.definition()), true, written);
        for (String name : List.of(table, table + "_so", table + "_sn")) {
            oracle.drop(name);
        }
        if (!problems.isEmpty()) {
            throw new AssertionError(c + "\n  " + String.join("\n  ", problems));
        }
        return new Result(c, List.copyOf(directions), null);
    }

    /** A phase of writes to the live table, then everything through the sink. */
    private long write(Map<String, List<String>> domains, Map<String, ColumnInfo> reference) throws Exception {
        long written;
        try (EdgeWriter writer = writer(domains, reference)) {
            writer.start();
            awaitWrites(writer);
            writer.stop();
            written = writer.succeeded();
        }
        pipeline.awaitCaughtUp("tw_probe", STATE);
        return written;
    }

    private void awaitWrites(EdgeWriter writer) {
        Poll.until(Duration.ofMinutes(2), () -> table + ": " + PHASE_STATEMENTS + " successful writes (so far "
                + writer.succeeded() + " ok, " + writer.refused() + " refused: " + writer.firstErrors() + ")",
                () -> writer.succeeded() >= PHASE_STATEMENTS);
    }

    private void compare(String direction, TableImage expected, boolean definition, long writes) throws SQLException {
        TableImage actual;
        try (Connection conn = mysql.connect()) {
            actual = TableImage.read(conn, db, table);
        }
        List<String> diffs = expected.differences(actual, c.clock(), definition, 5);
        int differing = expected.differingRows(actual, c.clock());
        directions.add(new Direction(direction, actual.rows().size(), differing,
                !definition || expected.definition().equals(actual.definition()), writes));
        diffs.forEach(d -> problems.add(direction + ": " + d));
    }

    private Result refused(String ddl, String original) throws Exception {
        String reason;
        try {
            String migration = pipeline.migrate(ddl, "complete", Map.of());
            reason = pipeline.awaitState(migration, "failed", STATE).get("message");
            TestConnect.deleteQuietly(migration);
        }
        catch (RuntimeException e) {
            reason = e.getMessage();
        }
        expectReason(reason);
        expectUntouched(original);
        return new Result(c, List.of(), reason);
    }

    private Result failed(String migration, String original) throws Exception {
        String reason = pipeline.awaitState(migration, "failed", STATE).get("message");
        TestConnect.deleteQuietly(migration);
        expectReason(reason);
        expectUntouched(original);
        return new Result(c, List.of(), reason);
    }

    private void expectReason(String reason) {
        if (reason == null || !reason.toLowerCase(Locale.ROOT).contains(c.refusal().toLowerCase(Locale.ROOT))) {
            throw new AssertionError(c + ": expected a refusal naming '" + c.refusal() + "', got: " + reason);
        }
    }

    /** The table keeps its definition, and nothing twoway created is left beside it. */
    private void expectUntouched(String original) throws SQLException {
        if (!normalized(original).equals(normalized(rawDefinition()))) {
            throw new AssertionError(c + ": the table's definition changed:\n" + original + "\n" + rawDefinition());
        }
        Poll.until(Duration.ofSeconds(30), c + ": no table of the migration left", () -> mysql.column(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME LIKE '"
                        + table + "\\_tw%'").isEmpty());
    }

    /** Old column to new column, by MySQL's semantics of the statement as the case states them. */
    private Map<String, String> pairs(String original, TableImage forward) throws SQLException {
        Map<String, String> pairs = new LinkedHashMap<>();
        List<ColumnInfo> oldColumns;
        List<ColumnInfo> newColumns;
        try (Connection conn = mysql.connect()) {
            oldColumns = columnsOf(conn, original);
            newColumns = ColumnInfo.of(conn, oracle.database(), table);
        }
        for (ColumnInfo old : oldColumns) {
            if (old.generated() || c.recreated().contains(old.name())) {
                continue;
            }
            String target = c.renames().getOrDefault(old.name(), old.name());
            newColumns.stream().filter(n -> n.name().equalsIgnoreCase(target) && !n.generated()).findFirst()
                    .ifPresent(n -> pairs.put(old.name(), n.name()));
        }
        return pairs;
    }

    /** The columns of the original definition, read from a scratch table made of it. */
    private List<ColumnInfo> columnsOf(Connection conn, String original) throws SQLException {
        String scratch = table + "_cols";
        oracle.drop(scratch);
        try (var s = conn.createStatement()) {
            s.execute("USE `" + oracle.database() + "`");
            s.execute(original.replaceFirst("CREATE TABLE `[^`]+`", "CREATE TABLE `" + scratch + "`")
                    .replaceAll("CONSTRAINT `[^`]+` CHECK", "CHECK"));
        }
        try {
            return ColumnInfo.of(conn, oracle.database(), scratch);
        }
        finally {
            oracle.drop(scratch);
        }
    }

    private void checkColumnMap(String json, Map<String, String> pairs) throws Exception {
        JsonNode map = JSON.readTree(json);
        Map<String, String> actual = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (JsonNode pair : map.get("columns")) {
            actual.put(pair.get("oldName").asText(), pair.get("newName").asText());
        }
        Map<String, String> expected = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        expected.putAll(pairs);
        if (!expected.equals(actual)) {
            problems.add("column map: expected " + expected + " (MySQL's semantics of the statement), twoway has " + actual);
        }
    }

    private List<String> oldKey(Map<String, String> pairs) throws SQLException {
        return primaryKey(db, table).stream().map(k -> pairs.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(k)).map(Map.Entry::getKey).findFirst().orElse(k)).toList();
    }

    private List<String> newKey() throws SQLException {
        return primaryKey(oracle.database(), table);
    }

    private List<String> primaryKey(String schema, String name) throws SQLException {
        return mysql.column("SELECT COLUMN_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + schema
                + "' AND TABLE_NAME = '" + name + "' AND INDEX_NAME = 'PRIMARY' ORDER BY SEQ_IN_INDEX");
    }

    /** ON UPDATE columns of {@code name} that the projection does not write: they keep their value. */
    private List<String> onUpdate(String schema, String name, Set<String> written) throws SQLException {
        List<String> columns = new ArrayList<>();
        try (Connection conn = mysql.connect()) {
            for (ColumnInfo column : ColumnInfo.of(conn, schema, name)) {
                if (column.extra().contains("ON UPDATE") && written.stream().noneMatch(w -> w.equalsIgnoreCase(column.name()))) {
                    columns.add(column.name());
                }
            }
        }
        return columns;
    }

    private static TableImage withDefinition(TableImage image, String definition) {
        return new TableImage(definition, image.columns(), image.rows());
    }

    private EdgeWriter writer(Map<String, List<String>> domains) throws SQLException {
        return writer(domains, Map.of());
    }

    private EdgeWriter writer(Map<String, List<String>> domains, Map<String, ColumnInfo> reference) throws SQLException {
        return new EdgeWriter(mysql, db, table, domains, reference, seed++, keys).open();
    }

    /** The old schema's columns under their new names: after the cut-over the writer makes values both types hold. */
    private Map<String, ColumnInfo> oldTypes(String original, Map<String, String> pairs) throws SQLException {
        Map<String, ColumnInfo> reference = new java.util.HashMap<>();
        try (Connection conn = mysql.connect()) {
            for (ColumnInfo old : columnsOf(conn, original)) {
                String target = pairs.get(old.name());
                if (target != null) {
                    ColumnInfo renamed = new ColumnInfo(target, old.dataType(), old.columnType(), old.nullable(),
                            old.charset(), old.maxLength(), old.precision(), old.scale(), old.fraction(), old.extra(), old.srid());
                    reference.put(target.toLowerCase(Locale.ROOT), renamed);
                }
            }
        }
        return reference;
    }

    private String rawDefinition() throws SQLException {
        try (Connection conn = mysql.connect(); var s = conn.createStatement();
             var rs = s.executeQuery("SHOW CREATE TABLE " + qualified())) {
            rs.next();
            return rs.getString(2);
        }
    }

    private static String normalized(String definition) {
        return definition.replaceFirst("CREATE TABLE `[^`]+`", "CREATE TABLE <t>").replaceAll(" AUTO_INCREMENT=\\d+", "");
    }

    private String qualified() {
        return "`" + db + "`.`" + table + "`";
    }
}
