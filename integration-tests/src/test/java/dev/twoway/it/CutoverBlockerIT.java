package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestTables;

/**
 * A transaction holding the table's metadata lock makes the cut-over's lock time out: the state
 * row names it (connection id, user, how long, its statement's first words) while the cut-over
 * retries, and the cut-over goes through once it ends.
 */
class CutoverBlockerIT extends PipelineTest {
    @Override
    protected String databasePrefix() {
        return "blocker";
    }

    @Test
    void aTransactionHoldingTheTableIsNamedInTheRowWhileTheCutoverRetries() throws Exception {
        String table = "held";
        TestTables.createItems(mysql, db, table, 5_000);
        String qualified = "`" + db + "`.`" + table + "`";
        String migration = pipeline.migrate("ALTER TABLE " + qualified + " DROP COLUMN title", "ready",
                Map.of("migration.cutover.backoff.ms", "500", "migration.cutover.retries", "50"));
        pipeline.awaitState(migration, "ready", Duration.ofMinutes(3));
        try (Connection blocker = mysql.connect(); Statement s = blocker.createStatement()) {
            blocker.setAutoCommit(false);
            long id;
            try (ResultSet rs = s.executeQuery("SELECT CONNECTION_ID()")) {
                rs.next();
                id = rs.getLong(1);
            }
            try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + qualified + " WHERE id <= 10")) {
                rs.next(); // the transaction now holds the table's metadata lock until it ends
            }
            pipeline.target(migration, "complete");
            Poll.until(Duration.ofMinutes(1), () -> "the row names the blocker: " + pipeline.rowQuietly(migration),
                    () -> {
                        String message = pipeline.row(migration).get("message");
                        return message != null && message.contains("connection " + id + " (");
                    });
            Map<String, String> row = pipeline.row(migration);
            String message = row.get("message");
            assertTrue(message.contains("idle in a transaction; last statement: SELECT COUNT(*) FROM " + qualified),
                    "how long and what: " + message);
            assertTrue(message.contains(mysql.user() + "@"), "who: " + message);
            assertTrue(row.get("stage").contains("cut-over attempt"), "retrying: " + row.get("stage"));
            assertEquals("ready", row.get("state"));
            blocker.commit();
        }
        pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));
    }
}
