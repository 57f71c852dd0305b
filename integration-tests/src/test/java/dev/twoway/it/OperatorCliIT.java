package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.TestTables;
import dev.twoway.it.support.TestConnect;
import dev.twoway.stack.operator.Operator;

/**
 * The operator's commands ({@code ./twoway migrations|watch|revert|complete|cancel}), run through
 * their Java entry point against the embedded Connect cluster's REST API and the real sidecar:
 * a migration watched through its copy, cut over, reverted and re-applied without writing JSON or
 * SQL, each command's exit status and output checked, and the tables read after each. A target
 * Connect refuses ends the command with status 1 and the refusal's reason. The commands and their
 * output are written to integration-tests/target/cli-example.txt (docs/cli-example.txt is one).
 * The second migration keeps its credentials in a file, named by config provider placeholders.
 */
class OperatorCliIT extends PipelineTest {
    private static final int ROWS = 20_000;
    private final StringBuilder transcript = new StringBuilder();

    /** A command's exit status and what it printed (standard output, then standard error). */
    private record Run(int status, String out, String err) {
        String text() {
            return out + err;
        }
    }

    @Override
    protected String databasePrefix() {
        return "cli";
    }

    @Test
    void aMigrationIsWatchedCutOverRevertedAndReappliedFromTheCommandLine() throws Exception {
        String users = "`" + db + "`.`users`";
        TestTables.createUsers(mysql, db, ROWS);
        pipeline.awaitSettled("users");
        transcript.setLength(0);
        String id = db + "-drop-title";
        // Small chunks, one at a time: a copy slow enough for watch to show it moving.
        pipeline.migrate("ALTER TABLE " + users + " DROP COLUMN title", "ready",
                Map.of("migration.id", id, "migration.copy.chunk.rows", "10", "migration.copy.threads", "1"));

        Run watch = operator("watch", id);
        assertEquals(0, watch.status(), watch.text());
        assertTrue(watch.out().contains(id + ": target ready") && watch.out().contains("running")
                && watch.out().contains(id + " is ready"), watch.out());

        Run list = operator("migrations", "--mysql", "jdbc:mysql://" + mysql.host() + ":" + mysql.port() + "/");
        assertEquals(0, list.status(), list.text());
        assertTrue(list.out().lines().anyMatch(l -> l.startsWith(id) && l.contains(db + ".users") && l.contains("ready")
                && l.contains("100%") && l.contains("RUNNING")), list.out());

        Run complete = operator("complete", id);
        assertEquals(0, complete.status(), complete.text());
        assertTrue(complete.out().contains("migration.target of") && complete.out().contains("set to complete")
                && complete.out().contains(id + ": complete"), complete.out());
        assertEquals("complete", pipeline.row(id).get("state"));
        assertEquals(0, titleColumns(), "the new table, without title, is live");
        Run window = operator("migrations");
        assertTrue(window.out().lines().anyMatch(l -> l.startsWith(id + " ") && l.contains(" complete ")
                && l.contains(" UTC ")), "the revert window's end: " + window.out());

        Run revert = operator("revert", id);
        assertEquals(0, revert.status(), revert.text());
        assertTrue(revert.out().contains("set to reverted") && revert.out().contains(id + ": reverted"), revert.out());
        assertEquals("reverted", pipeline.row(id).get("state"));
        assertEquals(1, titleColumns(), "the old table, with title, is back");
        assertEquals(ROWS, mysql.longValue("SELECT COUNT(*) FROM " + users));

        Run again = operator("revert", id);
        assertEquals(0, again.status(), again.text());
        assertTrue(again.out().contains(id + " is reverted already"), again.out());

        Run reapply = operator("complete", id);
        assertEquals(0, reapply.status(), reapply.text());
        assertEquals("complete", pipeline.row(id).get("state"));
        assertEquals(0, titleColumns(), "re-applied: the new table is live again");

        Run cancel = operator("cancel", id);
        assertEquals(1, cancel.status(), cancel.text());
        assertTrue(cancel.out().contains("refused by Connect (400)")
                && cancel.out().contains("cancelled cannot be asked for after the cut-over"), cancel.out());
        assertEquals("complete", pipeline.row(id).get("state"));

        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target/cli-example.txt"), transcript.toString());
    }

    @Test
    void aTargetConnectRefusesEndsWithStatus1AndTheReasonAndChangesNothing() throws Exception {
        String orders = "`" + db + "`.`orders`";
        mysql.execute("CREATE TABLE " + orders + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, note VARCHAR(64) NULL)",
                "INSERT INTO " + orders + " (note) VALUES ('first'), ('second')");
        pipeline.awaitSettled("orders");
        String id = db + "-orders-note";
        // Its credentials through the worker's file config provider: the commands resolve the
        // same placeholders on their side to read the sidecar (no --mysql here).
        Path secrets = Files.createTempFile("twoway-cli", ".properties");
        secrets.toFile().deleteOnExit();
        Files.writeString(secrets, "user=" + mysql.user() + "\npassword=" + mysql.password() + "\n");
        String coordinator = pipeline.migrate("ALTER TABLE " + orders + " MODIFY note VARCHAR(128) NULL", "ready",
                Map.of("migration.id", id, "database.user", "${file:" + secrets + ":user}",
                        "database.password", "${file:" + secrets + ":password}"));
        pipeline.awaitState(id, "ready", Duration.ofMinutes(2));

        Run revert = operator("revert", id);
        assertEquals(1, revert.status(), revert.text());
        assertTrue(revert.out().contains("refused by Connect (400)")
                && revert.out().contains("nothing to revert before the cut-over"), revert.out());
        assertEquals("ready", pipeline.row(id).get("state"));
        assertEquals("ready", TestConnect.cluster().connectorInfo(coordinator).config().get("migration.target"),
                "the refused PUT left the config as it was");
        assertTrue(TestConnect.cluster().connectorInfo(coordinator).config().get("database.password")
                .startsWith("${file:"), "the PUT kept the placeholder, not the secret");

        Run unknown = operator("complete", db + "-no-such-migration");
        assertEquals(2, unknown.status(), unknown.text());
        assertTrue(unknown.err().contains("no coordinator connector of migration"), unknown.err());
    }

    private long titleColumns() throws SQLException {
        return mysql.longValue("SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = 'users' AND COLUMN_NAME = 'title'");
    }

    /** Runs one command against the embedded cluster's REST API, as {@code ./twoway ARGS --connect URL} would. */
    private Run operator(String... args) throws IOException {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--connect";
        all[args.length + 1] = TestConnect.cluster().endpointForResource("");
        all[args.length + 2] = "--timeout";
        all[args.length + 3] = "300";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Operator.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), all);
        Run run = new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
        transcript.append("$ ./twoway ").append(String.join(" ", args)).append('\n').append(run.text())
                .append("(exit ").append(status).append(")\n\n");
        return run;
    }
}
