package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.connect.runtime.rest.errors.ConnectRestException;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;

/**
 * A target the migration can no longer take is refused by the coordinator's {@code validate()}, so
 * Connect rejects the {@code PUT} with the reason, instead of taking a config the reconciler then
 * ignores without a word: {@code cancelled} and {@code ready} after the cut-over (a complete
 * migration is taken back by a revert).
 */
class TargetRefusalIT extends PipelineTest {
    @Override
    protected String databasePrefix() {
        return "targets";
    }

    @Test
    void cancelAndReadyAfterTheCutoverAreRefusedWithTheReasonAndChangeNothing() throws Exception {
        String users = "`" + db + "`.`users`";
        mysql.execute("CREATE TABLE " + users + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(64), "
                + "title VARCHAR(64) NULL)", "INSERT INTO " + users + " (name, title) VALUES ('Alice', 'Engineer')");
        String migration = pipeline.migrate("ALTER TABLE " + users + " DROP COLUMN title", "complete", Map.of());
        pipeline.awaitState(migration, "complete", Duration.ofMinutes(2));

        String cancel = assertThrows(ConnectRestException.class, () -> pipeline.target(migration, "cancelled"))
                .getMessage();
        assertTrue(cancel.contains("migration.target") && cancel.contains("cancel")
                && cancel.contains("after the cut-over") && cancel.contains("migration.target=reverted"), cancel);
        String ready = assertThrows(ConnectRestException.class, () -> pipeline.target(migration, "ready")).getMessage();
        assertTrue(ready.contains("migration.target") && ready.contains("after the cut-over"), ready);

        pipeline.target(migration, "complete");
        assertEquals("complete", pipeline.row(migration).get("state"), "nothing changed");
    }
}
