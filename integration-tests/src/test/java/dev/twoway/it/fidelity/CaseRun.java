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
import java.util.TreeSet;

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
    static final int SEED_ROWS = 300;
    private static final int PHASE_STATEMENTS = 120;
    /** Far more than a case's small table needs to reach a state: a case that waits this long is stuck. */
    private static final Duration STATE = Duration.ofMinutes(2);
    
    /** What one direction compared. */
    record Direction(String name, int rows, int differing, boolean sameDefinition, long writes) {
    }

    /** The case's outcome: the directions compared, the refusal seen (if any), and how long it took. */
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
    private final ColumnPairs columns;
    private final Refusals refusals;
    private final Set<String> kinds = new TreeSet<>();
    private long seed;
    private volatile long started;
    private volatile long ended;

    CaseRun(TestMySql mysql, MigrationPipeline pipeline, String db, Oracle oracle, FidelityCase c) {
        this.mysql = mysql;
        this.pipeline = pipeline;
        this.db = db;
        this.oracle = oracle;
        this.c = c;
        this.table = "f_" + c.name();
        this.seed = c.name().hashCode();
        this.columns = new ColumnPairs(mysql, oracle, db, table, c);
        this.refusals = new Refusals(mysql, pipeline, oracle, db, table, c, STATE);
    }

    Result run() throws Exception {
        started = System.nanoTime();
        try {
            String refusal = stages();
            return new Result(c, List.copyOf(directions), refusal);
        }
        catch (AssertionError | Exception e) {
            throw new AssertionError(c + " failed; pipeline " + pipeline.health(), e);
        }
        finally {
            ended = System.nanoTime();
        }
    }

    /** How long the case ran (so far, while it runs). */
    Duration took() {
        return Duration.ofNanos((ended == 0 ? System.nanoTime() : ended) - started);
    }

    FidelityCase fidelityCase() {
        return c;
    }

    /** The kinds of column the case's table has ({@link ColumnInfo#kind}), once it is created. */
    synchronized Set<String> kinds() {
        return Set.copyOf(kinds);
    }

    /** Returns the refusal the case expected and saw, or null when every direction was compared. */
    private String stages() throws Exception {
        mysql.execute(String.format(Locale.ROOT, c.create(), qualified()));
        try (Connection conn = mysql.connect()) {
            List<ColumnInfo> created = ColumnInfo.of(conn, db, table);
            synchronized (this) {
                created.forEach(column -> kinds.add(column.kind()));
            }
        }
        try (EdgeWriter seeder = writer(c.domains().seeding())) {
            if (c.zeroKey()) {
                seeder.seedZeroKey();
            }
            seeder.seed(SEED_ROWS);
        }
        String original = rawDefinition();
        String ddl = "ALTER TABLE " + qualified() + " " + c.change();
        if (c.expect() == FidelityCase.Expect.REFUSED) {
            return refusals.refused(ddl, original);
        }
        String migration;
        Map<String, String> row;
        try (EdgeWriter writer = writer(c.oldDomains())) {
            writer.start();
            migration = pipeline.migrate(ddl, "ready", Map.of("migration.copy.chunk.rows", "50"));
            if (c.expect() == FidelityCase.Expect.FAILS) {
                return refusals.failed(migration, original, writer, this::awaitWrites);
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

    private String swaps(String migration, Map<String, String> row, String original) throws Exception {
        String oldTable = row.get("old_table");
        TableImage expectedForward = oracle.forward(original, table, db, oldTable, c.change());
        compare("forward", expectedForward, true, 0);
        Map<String, String> pairs = columns.pairs(original);
        columns.columnMapProblem(row.get("column_map"), pairs).ifPresent(problems::add);
        if (c.expect() == FidelityCase.Expect.NOT_REVERTIBLE) {
            oracle.drop(table);
            return refusedRevert(migration);
        }
        oracle.snapshot(db, oldTable, table + "_so");

        Phase phase = write(c.newDomains(), columns.oldTypes(original, pairs));
        oracle.snapshot(db, table, table + "_sn");
        pipeline.target(migration, "reverted");
        pipeline.awaitState(migration, "reverted", STATE);
        oracle.project(table + "_so", table + "_sn", pairs, columns.oldKey(pairs),
                columns.onUpdate(oracle.database(), table + "_so", pairs.keySet()), phase.keyColumns(), phase.changed());
        TableImage expectedRevert = withDefinition(oracle.image(table + "_so"), normalized(original));
        compare("revert", expectedRevert, true, phase.written());

        phase = write(c.oldDomains(), Map.of());
        pipeline.target(migration, "complete");
        pipeline.awaitState(migration, "complete", STATE);
        oracle.forward(original, table, db, oldTable, c.change());
        Map<String, String> shared = new LinkedHashMap<>();
        pairs.values().forEach(n -> shared.put(n, n));
        List<String> newNames = phase.keyColumns().stream().map(k -> pairs.entrySet().stream()
                .filter(e -> e.getKey().equalsIgnoreCase(k)).map(Map.Entry::getValue).findFirst().orElse(k)).toList();
        oracle.project(table + "_sn", table, shared, columns.newKey(), columns.onUpdate(oracle.database(), table + "_sn",
                shared.keySet()), newNames, phase.changed());
        compare("re-apply", withDefinition(oracle.image(table + "_sn"), expectedForward.definition()), true,
                phase.written());
        for (String name : List.of(table, table + "_so", table + "_sn")) {
            oracle.drop(name);
        }
        failOnProblems();
        return null;
    }

    /**
     * Writes the old schema cannot hold (the case's new domains, for the new types), then a revert:
     * the sink has flagged the migration, the PUT is refused with the reason, and the live table
     * keeps its definition and every row.
     */
    private String refusedRevert(String migration) throws Exception {
        long written = write(c.newDomains(), Map.of()).written();
        Poll.until(STATE, () -> table + ": the sink flags the migration not revertible; row: " + rowOf(migration),
                () -> "0".equals(pipeline.row(migration).get("revertible")));
        TableImage before = image();
        String reason = null;
        try {
            pipeline.target(migration, "reverted");
            problems.add("the revert was accepted, though the old table cannot hold what was written");
        }
        catch (RuntimeException refused) {
            reason = Refusals.restReason(refused);
            if (!reason.contains("not revertible") || !Refusals.contains(reason, c.refusal())) {
                problems.add("the revert was refused without naming '" + c.refusal() + "': " + reason);
            }
        }
        String state = pipeline.row(migration).get("state");
        if (!"complete".equals(state)) {
            problems.add("the migration left state complete for " + state + " on a refused revert");
        }
        TableImage after = image();
        directions.add(new Direction("refused revert", after.rows().size(), before.differingRows(after, Set.of()),
                before.definition().equals(after.definition()), written));
        before.differences(after, Set.of(), true, 5).forEach(d -> problems.add("refused revert: " + d));
        failOnProblems();
        return reason;
    }

    private Map<String, String> rowOf(String migration) {
        try {
            return pipeline.row(migration);
        }
        catch (SQLException e) {
            return Map.of("error", e.getMessage());
        }
    }

    private void failOnProblems() {
        if (!problems.isEmpty()) {
            throw new AssertionError(c + "\n  " + String.join("\n  ", problems));
        }
    }

    private TableImage image() throws SQLException {
        try (Connection conn = mysql.connect()) {
            return TableImage.read(conn, db, table);
        }
    }

    /** A phase of writes: how many succeeded, and the keys (in the live table's key columns) of the rows they changed. */
    private record Phase(long written, List<String> keyColumns, Set<List<String>> changed) {
    }

    /** A phase of writes to the live table, then everything through the sink. */
    private Phase write(Map<String, List<String>> domains, Map<String, ColumnInfo> reference) throws Exception {
        Phase phase;
        try (EdgeWriter writer = writer(domains, reference)) {
            writer.start();
            awaitWrites(writer);
            writer.stop();
            phase = new Phase(writer.succeeded(), writer.keyColumns(), writer.changed());
        }
        pipeline.awaitCaughtUp("tw_probe", STATE);
        return phase;
    }

    private void awaitWrites(EdgeWriter writer) {
        Poll.until(Duration.ofMinutes(2), () -> table + ": " + PHASE_STATEMENTS + " successful writes (so far "
                + writer.succeeded() + " ok, " + writer.refused() + " refused: " + writer.firstErrors() + ")",
                () -> {
                    pipeline.assertRunning();
                    return writer.succeeded() >= PHASE_STATEMENTS;
                });
    }

    private void compare(String direction, TableImage expected, boolean definition, long writes) throws SQLException {
        TableImage actual = image();
        List<String> diffs = expected.differences(actual, c.clock(), definition, 5);
        int differing = expected.differingRows(actual, c.clock());
        directions.add(new Direction(direction, actual.rows().size(), differing,
                !definition || expected.definition().equals(actual.definition()), writes));
        diffs.forEach(d -> problems.add(direction + ": " + d));
    }

    private static TableImage withDefinition(TableImage image, String definition) {
        return new TableImage(definition, image.columns(), image.rows());
    }

    private EdgeWriter writer(Map<String, List<String>> domains) throws SQLException {
        return writer(domains, Map.of());
    }

    private EdgeWriter writer(Map<String, List<String>> domains, Map<String, ColumnInfo> reference) throws SQLException {
        return new EdgeWriter(mysql, db, table, domains, c.domains().fixed(), reference, seed++, keys).open();
    }

    private String rawDefinition() throws SQLException {
        return rawDefinition(mysql, db, table);
    }

    /** {@code SHOW CREATE TABLE} as MySQL prints it. */
    static String rawDefinition(TestMySql mysql, String db, String table) throws SQLException {
        try (Connection conn = mysql.connect(); var s = conn.createStatement();
             var rs = s.executeQuery("SHOW CREATE TABLE `" + db + "`.`" + table + "`")) {
            rs.next();
            return rs.getString(2);
        }
    }

    /** A definition without the table's name and the AUTO_INCREMENT counter. */
    static String normalized(String definition) {
        return definition.replaceFirst("CREATE TABLE `[^`]+`", "CREATE TABLE <t>").replaceAll(" AUTO_INCREMENT=\\d+", "");
    }

    private String qualified() {
        return "`" + db + "`.`" + table + "`";
    }
}
