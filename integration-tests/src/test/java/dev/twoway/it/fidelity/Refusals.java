package dev.twoway.it.fidelity;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestMySql;

/**
 * The cases that expect no cut-over: REFUSED (before anything is created: the PUT's answer or the
 * state row) and FAILS (MySQL's own ALTER fails on the rows, so the migration must fail with the
 * case's reason and leave the table as it was). Each check reads the state row and the tables.
 */
final class Refusals {
    private final TestMySql mysql;
    private final MigrationPipeline pipeline;
    private final Oracle oracle;
    private final String db;
    private final String table;
    private final FidelityCase c;
    private final Duration patience;

    Refusals(TestMySql mysql, MigrationPipeline pipeline, Oracle oracle, String db, String table, FidelityCase c,
             Duration patience) {
        this.mysql = mysql;
        this.pipeline = pipeline;
        this.oracle = oracle;
        this.db = db;
        this.table = table;
        this.c = c;
        this.patience = patience;
    }

    String refused(String ddl, String original) throws Exception {
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
    String failed(String migration, String original, EdgeWriter writer, Consumer<EdgeWriter> awaitWrites)
            throws Exception {
        Map<String, String> row;
        try {
            String state = awaitOneOf(migration, patience, "failed", "ready", "complete");
            if ("ready".equals(state)) {
                awaitWrites.accept(writer);
                writer.stop();
                pipeline.awaitCaughtUp("tw_probe", patience);
                awaitFailedOrStays(migration);
            }
            row = pipeline.row(migration);
        }
        finally {
            writer.stop();
            TestConnect.deleteQuietly(migration);
        }
        String mysqlSays = mysqlRefusal(original);
        if (!"failed".equals(row.get("state"))) {
            throw new AssertionError(c + ": MySQL's own ALTER fails on these rows (" + mysqlSays + "), but twoway's "
                    + "migration is " + row.get("state") + " (" + row.get("stage") + "), ready to cut over");
        }
        expectReason(row.get("message"));
        expectUntouched(original);
        return row.get("message") + " [MySQL's ALTER: " + mysqlSays + "]";
    }

    /** Polls a ready migration for 30 s to fail on what the sink has met; returns either way (the row says which). */
    private void awaitFailedOrStays(String migration) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline && !"failed".equals(pipeline.row(migration).get("state"))) {
            pipeline.assertRunning();
            Thread.sleep(200);
        }
    }

    /** MySQL's own ALTER on a copy of the table's rows: its error (the case expects one). */
    private String mysqlRefusal(String original) throws SQLException {
        try {
            oracle.forward(original, table, db, table, c.change());
        }
        catch (SQLException mysqlRefuses) {
            return mysqlRefuses.getMessage();
        }
        finally {
            oracle.drop(table);
        }
        throw new AssertionError(c + ": MySQL's own ALTER succeeds on these rows: the case expects it to fail");
    }

    /** The message of the failed migration; fails at once when it reaches one of {@code notFailed} instead. */
    private String outcome(String migration, String... notFailed) throws SQLException {
        List<String> states = new ArrayList<>(List.of(notFailed));
        states.add("failed");
        String state = awaitOneOf(migration, patience, states.toArray(String[]::new));
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
    static String restReason(RuntimeException e) {
        String message = String.valueOf(e.getMessage());
        Matcher errors = Pattern.compile("error\\(s\\):\\s*(.*?)\\s*You can also find",
                Pattern.DOTALL).matcher(message.replace("\\n", "\n"));
        return errors.find() ? errors.group(1) : message;
    }

    static boolean contains(String text, String part) {
        return text != null && text.toLowerCase(Locale.ROOT).contains(part.toLowerCase(Locale.ROOT));
    }

    /** The table keeps its definition, and nothing twoway created is left beside it. */
    private void expectUntouched(String original) throws SQLException {
        if (!CaseRun.normalized(original).equals(CaseRun.normalized(CaseRun.rawDefinition(mysql, db, table)))) {
            throw new AssertionError(c + ": the table's definition changed:\n" + original + "\n" + CaseRun.rawDefinition(mysql, db, table));
        }
        Poll.until(Duration.ofSeconds(30), c + ": no table of the migration left", () -> mysql.column(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + db + "' AND TABLE_NAME LIKE '"
                        + table + "\\_tw%'").isEmpty());
    }

    private Map<String, String> rowOf(String migration) {
        try {
            return pipeline.row(migration);
        }
        catch (SQLException e) {
            return Map.of("error", e.getMessage());
        }
    }
}
