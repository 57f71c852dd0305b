package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.UnaryOperator;

import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.twoway.it.support.CoordinatorUser;
import dev.twoway.it.support.ModelCheck;
import dev.twoway.it.support.PipelineTest;
import dev.twoway.it.support.Poll;
import dev.twoway.it.support.RenameWatch;
import dev.twoway.it.support.TableModelWriter;
import dev.twoway.it.support.TestConnect;
import dev.twoway.it.support.TestTables;

/**
 * Failover on a Connect cluster of two workers, under a live writer: the worker running the
 * coordinator's task is stopped during the copy, while the migration is kept in sync (the
 * catch-up), while the cut-over's RENAME waits under its lock and while a revert's does; the
 * worker running the sink's task during the catch-up; and the broker is restarted during the
 * catch-up. Each migration reaches its target with the table equal to the writer's model, its
 * names never half swapped; each prints the writer's longest stall and the time from the stop
 * to the migration moving again (its row or the sink's progress changing).
 *
 * <p>The workers' {@code scheduled.rebalance.max.delay.ms} is {@link TestConnect#REBALANCE_DELAY}
 * (3 s, not 5 min): a departed worker's tasks go to the other worker after it. Removing a worker
 * from an embedded cluster is a graceful stop (its tasks are stopped, it leaves the group). For
 * the two swaps under the lock the coordinator's MySQL connections are killed while its worker
 * stops, as a crash of its process would drop them; a {@code kill -9} of a worker process is
 * what {@code ./twoway stack --workers 2} lets a user try by hand (README). The class shares the
 * suite's cluster: it adds the second worker and, after each stop, a worker back.
 */
class FailoverIT extends PipelineTest {
    private static final int RATE = 100;
    private static final Duration STATE = Duration.ofMinutes(3);
    private static final List<String> WRITTEN = List.of("k", "name", "c", "pad");
    private static final UnaryOperator<Map<String, String>> DROPPED = row -> ModelCheck.without(row, "title");
    private static final Map<String, String> SYNC = Map.of("migration.sync.interval.ms", "500");

    @Override
    protected String databasePrefix() {
        return "failover";
    }

    /** A worker added back after a stop, started while the migration goes on. */
    private CompletableFuture<Void> replacement = CompletableFuture.completedFuture(null);

    @Override
    protected int workers() {
        return 2;
    }

    /** Every scenario's table, made at once: the sink then follows them all after one metadata refresh. */
    @BeforeAll
    void tables() throws SQLException {
        TestTables.createItems(mysql, db, "f_copy", 40_000);
        for (String table : List.of("f_sync", "f_sink", "f_broker", "f_lock", "f_revert")) {
            TestTables.createItems(mysql, db, table, 5_000);
        }
        for (String table : List.of("f_copy", "f_sync", "f_sink", "f_broker", "f_lock", "f_revert")) {
            pipeline.awaitFollowed(table, Duration.ofMinutes(2));
        }
    }

    @AfterEach
    void workerBack() {
        replacement.join();
        TestConnect.ensureWorkers(2);
    }

    private String t(String table) {
        return "`" + db + "`.`" + table + "`";
    }

    @Test
    void theCoordinatorsWorkerStoppedDuringTheCopyResumesTheCopy() throws Exception {
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, "f_copy", WRITTEN, RATE)) {
            long started = System.currentTimeMillis();
            String migration = pipeline.migrate("ALTER TABLE " + t("f_copy") + " DROP COLUMN title", "complete",
                    // Chunks of 10 to 40 rows, each its own commit: 40,000 rows take over a thousand commits,
                    // seconds even on a quiet server (chunks of 100 to 400 were done before the stop there).
                    Map.of("migration.copy.chunk.rows", "10", "migration.copy.threads", "1"));
            try (RenameWatch watch = watch(migration, "f_copy")) {
                Poll.until(STATE, () -> "copying: " + pipeline.rowQuietly(migration), () -> "running".equals(
                        pipeline.row(migration).get("state")) && Long.parseLong(pipeline.row(migration).get("rows_copied")) > 0);
                long stopped = stopWorkerOf(migration, migration);
                Map<String, String> atStop = pipeline.row(migration);
                assertTrue(Long.parseLong(atStop.get("rows_copied")) < Long.parseLong(atStop.get("rows_total")),
                        "the copy was not done when its worker stopped: " + atStop);
                awaitMoving("f_copy", stopped, () -> progress(migration));
                finish(writer, migration, "complete", "f_copy", DROPPED, started);
            }
        }
    }

    @Test
    void theCoordinatorsWorkerStoppedDuringTheCatchUpKeepsTheShadowInSyncAndCutsOver() throws Exception {
        readyUnderLoad("f_sync", running -> {
            long stopped = stopWorkerOf(running.migration(), running.migration());
            awaitMoving("f_sync", stopped, () -> progress(running.migration()));
        });
    }

    @Test
    void theSinksWorkerStoppedDuringTheCatchUpCatchesUpAndCutsOver() throws Exception {
        readyUnderLoad("f_sink", running -> {
            long stopped = stopWorkerOf(pipeline.sinkName(), running.migration());
            awaitMoving("f_sink", stopped, () -> sinkProgress("f_sink"));
        });
    }

    @Test
    void aBrokerRestartDuringTheCatchUpLosesNoWrite() throws Exception {
        readyUnderLoad("f_broker", running -> {
            long stopping = System.nanoTime();
            TestConnect.cluster().kafka().stopOnlyBrokers();
            TestConnect.cluster().kafka().restartOnlyBrokers();
            System.out.printf("f_broker: the broker stopped and restarted in %,d ms (%s)%n",
                    (System.nanoTime() - stopping) / 1_000_000, TestConnect.cluster().kafka().bootstrapServers());
            awaitMoving("f_broker", stopping, () -> sinkProgress("f_broker"));
            TestConnect.awaitRunning(pipeline.sinkName(), 1);
            TestConnect.awaitRunning(running.migration(), 1);
        });
    }

    @Test
    void theCoordinatorsWorkerCrashingWhileTheCutoverRenameWaitsUnderTheLockSwapsOnceLosingNoWrite() throws Exception {
        swapUnderLockThenCrash("f_lock", "shadow_table", "complete", DROPPED, false);
    }

    @Test
    void theCoordinatorsWorkerCrashingDuringTheRevertRevertsOnceLosingNoWrite() throws Exception {
        swapUnderLockThenCrash("f_revert", "old_table", "reverted", UnaryOperator.identity(), true);
    }

    /** The migration under test and its writer, for what a scenario does while it is ready. */
    private record Running(String migration, TableModelWriter writer) {
    }

    private interface WhileReady {
        void run(Running running) throws Exception;
    }

    /**
     * Migrates {@code table} (5,000 rows, a live writer) to ready, where the coordinator keeps
     * the shadow in sync, does {@code failure} there, then cuts over and compares.
     */
    private void readyUnderLoad(String table, WhileReady failure) throws Exception {
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, WRITTEN, RATE)) {
            long started = System.currentTimeMillis();
            String migration = pipeline.migrate("ALTER TABLE " + t(table) + " DROP COLUMN title", "ready", SYNC);
            try (RenameWatch watch = watch(migration, table)) {
                pipeline.awaitState(migration, "ready", STATE);
                Poll.until(STATE, () -> "in sync: " + pipeline.rowQuietly(migration),
                        () -> pipeline.row(migration).get("stage").startsWith("ready: in sync"));
                failure.run(new Running(migration, writer));
                pipeline.target(migration, "complete");
                finish(writer, migration, "complete", table, DROPPED, started);
            }
        }
    }

    /**
     * Holds {@code held} (the row's shadow or old table) with an open transaction, so the swap to
     * {@code target} takes its lock and its RENAME waits; then stops the coordinator's worker while
     * killing every MySQL connection of the coordinator's user, as a crash of its process would.
     * The transaction ends once the worker is gone; the coordinator on the other worker swaps.
     */
    private void swapUnderLockThenCrash(String table, String held, String target,
                                        UnaryOperator<Map<String, String>> projection, boolean revert) throws Exception {
        String user = "failover_coordinator_" + ProcessHandle.current().pid();
        CoordinatorUser.create(mysql, db, user);
        try (TableModelWriter writer = TableModelWriter.start(mysql, db, table, WRITTEN, RATE)) {
            long started = System.currentTimeMillis();
            Map<String, String> options = new java.util.HashMap<>(SYNC);
            options.putAll(Map.of("database.user", user, "database.password", "pw",
                    "migration.cutover.lock.timeout.ms", "30000"));
            String migration = pipeline.migrate("ALTER TABLE " + t(table) + " DROP COLUMN title",
                    revert ? "complete" : "ready", options);
            try (RenameWatch watch = watch(migration, table)) {
                pipeline.awaitState(migration, revert ? "complete" : "ready", STATE);
                String heldTable = pipeline.row(migration).get(held);
                try (Connection reader = mysql.connect()) {
                    reader.setAutoCommit(false);
                    try (Statement s = reader.createStatement()) {
                        s.executeQuery("SELECT id FROM " + t(heldTable) + " LIMIT 1").close();
                    }
                    pipeline.target(migration, target);
                    Poll.until(STATE, "the swap's RENAME waits under the lock", () -> mysql.longValue("SELECT COUNT(*) FROM "
                            + "performance_schema.processlist WHERE USER = '" + user + "' AND STATE = 'Waiting for table "
                            + "metadata lock' AND INFO LIKE 'RENAME TABLE%'") == 1);
                    long stopped = crashWorkerOf(migration, user);
                    reader.rollback();
                    awaitMoving(table, stopped, () -> progress(migration));
                }
                finish(writer, migration, target, table, projection, started);
                assertTrue(mysql.longValue("SELECT COUNT(*) FROM `_twoway`.`markers` WHERE migration_id = '" + migration
                        + "' AND outcome = 'aborted'") >= 1, "the crashed attempt's marker is aborted");
                pipeline.delete(migration); // before its user goes
            }
        }
        finally {
            mysql.execute("DROP USER IF EXISTS '" + user + "'@'%'");
        }
    }

    private RenameWatch watch(String migration, String table) {
        Poll.until(STATE, () -> "the row names the shadow: " + pipeline.rowQuietly(migration),
                () -> pipeline.row(migration).get("shadow_table") != null);
        Map<String, String> row = pipeline.rowQuietly(migration);
        return RenameWatch.start(mysql, db, table, row.get("shadow_table"), row.get("old_table"));
    }

    /**
     * Stops the worker running {@code connector}'s task; returns when the stop began
     * (System.nanoTime()), once the worker is gone.
     */
    private long stopWorkerOf(String connector, String migration) {
        WorkerHandle worker = TestConnect.workerRunning(connector);
        System.out.printf("stopping worker %s, which runs %s (coordinator on %s, sink on %s)%n", worker.url(), connector,
                TestConnect.workerRunning(migration).url(), TestConnect.workerRunning(pipeline.sinkName()).url());
        long stopping = System.nanoTime();
        TestConnect.cluster().removeWorker(worker);
        System.out.printf("  its graceful stop took %,d ms%n", (System.nanoTime() - stopping) / 1_000_000);
        return stopping;
    }

    /** The graceful stop of the coordinator's worker, its MySQL connections killed until it is gone. */
    private long crashWorkerOf(String migration, String user) throws Exception {
        WorkerHandle worker = TestConnect.workerRunning(migration);
        String url = worker.url().toString();
        long stopping = System.nanoTime();
        CompletableFuture<Void> removed = CompletableFuture.runAsync(() -> TestConnect.cluster().removeWorker(worker));
        do {
            CoordinatorUser.killConnections(mysql, user);
            Thread.sleep(20); // pacing the kills, not waiting for anything
        } while (!removed.isDone());
        removed.get();
        CoordinatorUser.killConnections(mysql, user);
        System.out.printf("crashed worker %s, which ran %s: its stop took %,d ms%n", url, migration,
                (System.nanoTime() - stopping) / 1_000_000);
        return stopping;
    }

    private interface Progress {
        String read() throws Exception;
    }

    /**
     * Waits until {@code progress} differs from what it was once the stop was over; prints the
     * time since the stop began ({@code since}), then starts a worker in place of the one
     * stopped, while the migration goes on.
     */
    private void awaitMoving(String table, long since, Progress progress) throws Exception {
        String before = progress.read();
        Poll.until(Duration.ofMinutes(2), () -> table + " moving again after " + before + "; " + pipeline.health(),
                () -> !before.equals(progress.read()));
        System.out.printf("%s: moving again %,d ms after the stop began (%s -> %s)%n", table,
                (System.nanoTime() - since) / 1_000_000, before, progress.read());
        replacement = CompletableFuture.runAsync(() -> TestConnect.ensureWorkers(2));
    }

    private String progress(String migration) throws SQLException {
        Map<String, String> row = pipeline.row(migration);
        return row.get("state") + " | " + row.get("rows_copied") + " | " + row.get("stage");
    }

    private String sinkProgress(String table) throws SQLException {
        return "sink offset " + mysql.value("SELECT next_offset FROM `_twoway`.`sink_progress` WHERE connector = '"
                + pipeline.sinkName() + "' AND topic = '" + pipeline.topic(table) + "'");
    }

    /**
     * Waits for {@code state}, lets the writer go on, pauses it and compares the table with its
     * model; prints the writer's longest stall since the migration was requested.
     */
    private void finish(TableModelWriter writer, String migration, String state, String table,
                        UnaryOperator<Map<String, String>> projection, long startedMillis) throws Exception {
        pipeline.awaitState(migration, state, STATE);
        long mark = writer.statements();
        Poll.until(Duration.ofSeconds(30), "the writer goes on after the swap", () -> writer.statements() > mark + 50);
        writer.pause();
        System.out.printf("%s -> %s: writer's longest stall %.1f ms (%,d statements)%n", table, state,
                writer.longestStallMillis(startedMillis, System.currentTimeMillis()), writer.statements());
        ModelCheck.assertNoDifference(mysql, db, table, writer.model(), projection, "after the failover and " + state);
        writer.resume();
    }


}
