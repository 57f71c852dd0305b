package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.TestTables;

/**
 * When the shadow's plain secondary indexes are built (migration.copy.defer.indexes.rows): a
 * table estimated below the option keeps them through the copy (no ALTER to drop them, none to
 * add them after); from it on, they are left out during the copy and built after it. The copy is
 * held by the operator's pause so the shadow can be read midway; both end with the statement's
 * indexes and every row.
 */
class DeferredIndexesIT extends PipelineTest {
    private static final int ROWS = 2_000;
    private static final Map<String, String> PAUSED = Map.of("migration.throttle.paused", "true",
            "migration.throttle.check.ms", "200", "migration.throttle.min.pause.ms", "0");
    private String migration;

    @Override
    protected String databasePrefix() {
        return "deferidx";
    }

    @Test
    void aSmallTableKeepsItsSecondaryIndexesThroughTheCopy() throws Exception {
        String shadow = heldCopy("t_small", Map.of());
        assertEquals(List.of("PRIMARY", "k_idx"), indexes(shadow), "the shadow has its index before the copy");
        assertNull(pipeline.row(migration).get("deferred_indexes"), "nothing recorded to be built after the copy");
        resumeToReady(shadow);
    }

    @Test
    void fromTheOptionsRowsOnTheIndexesAreBuiltAfterTheCopy() throws Exception {
        String shadow = heldCopy("t_deferred", Map.of("migration.copy.defer.indexes.rows", "0"));
        assertEquals(List.of("PRIMARY"), indexes(shadow), "the shadow lacks its index during the copy");
        assertTrue(pipeline.row(migration).get("deferred_indexes").contains("k_idx"),
                "the index is recorded to be built");
        resumeToReady(shadow);
    }

    /** A table of {@link #ROWS} items migrated with the copy paused; the shadow's name once the copy is held. */
    private String heldCopy(String table, Map<String, String> extra) throws Exception {
        TestTables.createItems(mysql, db, table, ROWS);
        pipeline.awaitSettled(table);
        Map<String, String> options = new HashMap<>(PAUSED);
        options.putAll(extra);
        migration = pipeline.migrate("ALTER TABLE `" + db + "`.`" + table + "` DROP COLUMN title", "ready", options);
        Poll.until(Duration.ofSeconds(90), () -> migration + " held by the pause; row: "
                + pipeline.rowQuietly(migration), () -> {
                    Map<String, String> row = pipeline.row(migration);
                    pipeline.assertRunning();
                    assertTrue(!"failed".equals(row.get("state")), "failed: " + row.get("message"));
                    return row.getOrDefault("stage", "").startsWith("copy throttled: paused by the operator");
                });
        return pipeline.row(migration).get("shadow_table");
    }

    private void resumeToReady(String shadow) throws Exception {
        pipeline.configure(migration, Map.of("migration.throttle.paused", "false"));
        Map<String, String> ready = pipeline.awaitState(migration, "ready", Duration.ofSeconds(90));
        assertEquals(String.valueOf(ROWS), ready.get("rows_copied"));
        assertNull(ready.get("deferred_indexes"));
        assertEquals(List.of("PRIMARY", "k_idx"), indexes(shadow), "the shadow ends with the statement's indexes");
    }

    private List<String> indexes(String table) throws SQLException {
        return mysql.column("SELECT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = '" + db
                + "' AND TABLE_NAME = '" + table + "' GROUP BY INDEX_NAME ORDER BY INDEX_NAME = 'PRIMARY' DESC, "
                + "INDEX_NAME");
    }
}
