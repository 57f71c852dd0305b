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
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
            return refused(ddl, original);
        }
        String migration;
        Map<String, String> row;
        try (EdgeWriter writer = writer(c.oldDomains())) {
            writer.start();
            migration = pipeline.migrate(ddl, "ready", Map.of("migration.copy.chunk.rows", "50"));
            if (c.expect() == FidelityCase.Expect.FAILS) {
                return failed(migration, original, writer);
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
            reason = restReason(refused);
            if (!reason.contains("not revertible") || !contains(reason, c.refusal())) {
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

    private String refused(String ddl, String original) throws Exception {
        String reason;
        try {
            String migration = pipeline.migrate(ddl, "complete", Map.of());
            reason = outcome(migration, "running", "ready", "complete");
            TestConnect.deleteQuietly(migration);
        }
        catch (RuntimeException e) {
            reason = restReason(e);
        }
        expectReason(reason);
        expectUntouched(original);
        return reason;
    }

    /**
     * The migration fails with the case's reason (in the copy, or once ready, when the writer's rows
     * reach the sink), MySQL's own ALTER fails on the same rows, and the table is untouched.
     */
    private String failed(String migration, String original, EdgeWriter writer) throws Exception {
        String reason;
        try {
            String state = awaitOneOf(migration, STATE, "failed", "ready", "complete");
            if ("ready".equals(state)) {
                awaitWrites(writer);
                writer.stop();
                pipeline.awaitCaughtUp("tw_probe", STATE);
                state = awaitOneOf(migration, Duration.ofSeconds(30), "failed");
            }
            reason = pipeline.row(migration).get("message");
        }
        finally {
            writer.stop();
            TestConnect.deleteQuietly(migration);
        }
        expectReason(reason);
        expectUntouched(original);
        try {
            oracle.forward(original, table, db, table, c.change());
            throw new AssertionError(c + ": MySQL's own ALTER succeeds on the rows twoway refused (" + reason + ")");
        }
        catch (SQLException mysqlRefuses) {
            return reason + " [MySQL's ALTER: " + mysqlRefuses.getMessage() + "]";
        }
        finally {
            oracle.drop(table);
        }
    }

    /** The message of the failed migration; fails at once when it reaches one of {@code notFailed} instead. */
    private String outcome(String migration, String... notFailed) throws SQLException {
        List<String> states = new ArrayList<>(List.of(notFailed));
        states.add("failed");
        String state = awaitOneOf(migration, STATE, states.toArray(String[]::new));
        if (!"failed".equals(state)) {
            throw new AssertionError(c + ": expected the migration to fail naming '" + c.refusal() + "', but it is "
                    + state + ": " + pipeline.row(migration));
        }
        return pipeline.row(migration).get("message");
    }

    /** Waits until the migration is in one of {@code states}; returns it. */
    private String awaitOneOf(String migration, Duration timeout, String... states) throws SQLException {
        List<String> wanted = List.of(states);
        Poll.until(timeout, () -> migration + " reaches one of " + wanted + "; row: " + rowOf(migration), () -> {
            pipeline.assertRunning();
            return wanted.contains(pipeline.row(migration).get("state"));
        });
        return pipeline.row(migration).get("state");
    }

    private void expectReason(String reason) {
        if (!contains(reason, c.refusal())) {
            throw new AssertionError(c + ": expected a refusal naming '" + c.refusal() + "', got: " + reason);
        }
    }

    /** The reasons in a refused Connect REST call: the errors of its answer, without the envelope. */
    private static String restReason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        Matcher errors = Pattern.compile("error\\(s\\):\\s*(.*?)\\s*You can also find",
                Pattern.DOTALL).matcher(message.replace("\\n", "\n"));
        return errors.find() ? errors.group(1) : message;
    }

    private static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
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
