package dev.twoway.it.support;

import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.twoway.core.Sql;
import dev.twoway.smt.DataTopics;

/**
 * The three twoway connectors deployed for one test database through the Connect REST API of
 * the shared embedded cluster: the source (binlog to topics), the sink (topics to the shadow
 * and old tables) and, per migration, a coordinator.
 */
public final class MigrationPipeline implements AutoCloseable {
    public static final String SOURCE = "dev.twoway.source.TwowaySourceConnector";
    public static final String SINK = "dev.twoway.sink.TwowaySinkConnector";
    public static final String COORDINATOR = "dev.twoway.coordinator.TwowayMigrationConnector";
    private static final AtomicInteger SEQUENCE = new AtomicInteger();

    private final TestMySql mysql;
    private final String database;
    private final String prefix;
    private final List<String> connectors = new java.util.ArrayList<>();
    private Map<String, String> sourceConfig;
    private final Map<String, Map<String, String>> migrations = new HashMap<>();
    private Map<String, String> sinkConfig;

    private MigrationPipeline(TestMySql mysql, String database) {
        this.mysql = mysql;
        this.database = database;
        this.prefix = "tw" + ProcessHandle.current().pid() + "x" + SEQUENCE.incrementAndGet();
    }

    /** Starts the source and the sink for {@code database} and waits until both run. */
    public static MigrationPipeline start(TestMySql mysql, String database) {
        return start(mysql, database, null);
    }

    /** The same, capturing only the tables of {@code database} whose names match {@code tables} (a regex). */
    public static MigrationPipeline start(TestMySql mysql, String database, String tables) {
        return start(mysql, database, tables, Map.of());
    }

    /** The same with options of the source connector on top (a bench's, e.g. Debezium's TLS mode). */
    public static MigrationPipeline start(TestMySql mysql, String database, String tables,
                                          Map<String, String> sourceOptions) {
        MigrationPipeline pipeline = new MigrationPipeline(mysql, database);
        Map<String, String> source = mysql.connectionConfig();
        source.putAll(sourceOptions);
        if (tables != null) {
            source.put("table.include.list", database + "\\." + tables);
        }
        source.put("connector.class", SOURCE);
        source.put("tasks.max", "1");
        source.put("topic.prefix", pipeline.prefix);
        source.put("database.include.list", database);
        source.put("topic.creation.default.partitions", "1");
        source.put("topic.creation.default.replication.factor", "-1");
        pipeline.sourceConfig = source;
        pipeline.run(pipeline.prefix + "-source", source);
        SourceStreaming.await(pipeline.prefix);
        Map<String, String> sink = mysql.connectionConfig();
        sink.put("connector.class", SINK);
        sink.put("tasks.max", "1");
        sink.put("topics.regex", pipeline.prefix + "\\." + database + "\\..*");
        // A regex subscription sees a new topic only at the next metadata refresh (5 min by default).
        sink.put("consumer.override.metadata.max.age.ms", "1000");
        // A partition resumed after a marker's hold is fetched only once the fetch in flight without it
        // returns, which waits up to fetch.max.wait.ms (500 ms by default) when the other partitions are idle.
        sink.put("consumer.override.fetch.max.wait.ms", "50");
        pipeline.sinkConfig = sink;
        pipeline.run(pipeline.prefix + "-sink", sink);
        return pipeline;
    }

    private void run(String name, Map<String, String> config) {
        connectors.add(name);
        TestConnect.runConnector(name, config, 1);
    }

    /** The sink's configuration as deployed (a copy). */
    public Map<String, String> sinkConfig() {
        return new HashMap<>(sinkConfig);
    }

    public String sinkName() {
        return prefix + "-sink";
    }

    /** Fails at once when the source's or the sink's task has failed: no migration can move on then. */
    public void assertRunning() {
        String health = health();
        if (health.contains("FAILED")) {
            throw new AssertionError("the pipeline stopped: " + health);
        }
    }

    /** The source's and the sink's states, with the trace of a failed task: for failure messages. */
    public String health() {
        return "source: " + TestConnect.describe(prefix + "-source") + "; sink: " + TestConnect.describe(sinkName());
    }

    public String sourceName() {
        return prefix + "-source";
    }

    /** Deletes the source connector and waits until its task has stopped. */
    public void stopSource() {
        TestConnect.deleteQuietly(sourceName());
        SourceStreaming.awaitStopped(prefix);
    }

    /** Creates the source connector again under its name: it resumes from its offsets. */
    public void startSource() {
        TestConnect.runConnector(sourceName(), sourceConfig, 1);
        SourceStreaming.await(prefix);
    }

    /** The table's topic, as the source names it (Debezium's naming: odd characters become '_'). */
    public String topic(String table) {
        return DataTopics.of(Map.of("topic.prefix", prefix)).topic(database, table);
    }

    /**
     * Writes a row into {@code probeTable} (created if missing; it must be captured) and waits
     * until the sink has consumed it: everything committed before is then through the pipeline.
     */
    public void awaitCaughtUp(String probeTable, Duration timeout) throws SQLException {
        String table = "`" + database + "`.`" + probeTable + "`";
        mysql.execute("CREATE TABLE IF NOT EXISTS " + table + " (id BIGINT AUTO_INCREMENT PRIMARY KEY)",
                "INSERT INTO " + table + " () VALUES ()");
        long probes = mysql.longValue("SELECT COUNT(*) FROM " + table);
        Poll.until(timeout, "the sink consumes probe " + probes + " of " + topic(probeTable), () -> {
            assertRunning();
            String next = mysql.value("SELECT next_offset FROM `_twoway`.`sink_progress` WHERE connector = '"
                    + sinkName() + "' AND topic = '" + topic(probeTable) + "'");
            return next != null && Long.parseLong(next) >= probes;
        });
    }

    /**
     * The state a deployment is in before a migration of {@code table}: caught up with the binlog
     * (see {@link #awaitCaughtUp}) and following the table's topic (see {@link #awaitFollowed}).
     */
    public void awaitSettled(String table) throws SQLException {
        awaitCaughtUp("tw_probe", Duration.ofMinutes(10));
        awaitFollowed(table, Duration.ofMinutes(2));
    }

    /**
     * Makes {@code table}'s topic exist and waits until the sink follows it: a row inserted and
     * deleted, and the sink's progress past both (and the delete's tombstone).
     */
    public void awaitFollowed(String table, Duration timeout) throws SQLException {
        String qualified = Sql.qualified(database, table);
        try (var c = mysql.connect(); var s = c.createStatement()) {
            s.executeUpdate("INSERT INTO " + qualified + " () VALUES ()", java.sql.Statement.RETURN_GENERATED_KEYS);
            try (var keys = s.getGeneratedKeys()) {
                keys.next();
                s.executeUpdate("DELETE FROM " + qualified + " WHERE id = " + keys.getLong(1));
            }
        }
        Poll.until(timeout, "the sink follows " + topic(table), () -> {
            String next = mysql.value("SELECT next_offset FROM `_twoway`.`sink_progress` WHERE connector = '"
                    + sinkName() + "' AND topic = " + Sql.literal(topic(table)));
            return next != null && Long.parseLong(next) >= 3;
        });
    }

    /** Deploys a coordinator for {@code ddl}; returns its name, which is the migration id. */
    public String migrate(String ddl, String target, Map<String, String> extra) {
        String name = prefix + "-m" + SEQUENCE.incrementAndGet();
        Map<String, String> config = mysql.connectionConfig();
        config.put("connector.class", COORDINATOR);
        config.put("tasks.max", "1");
        config.put("migration.ddl", ddl);
        config.put("migration.target", target);
        config.putAll(extra);
        migrations.put(name, config);
        run(name, config);
        return name;
    }

    /**
     * Deletes a migration's coordinator and waits until its reconciler has stopped (its named lock
     * is free): a task still stopping would admit the migration again if its row went meanwhile.
     */
    public void delete(String migration) {
        TestConnect.cluster().deleteConnector(migration);
        Poll.until(Duration.ofSeconds(90), migration + "'s reconciler stopped", () -> mysql.value("SELECT IS_USED_LOCK('"
                + dev.twoway.coordinator.reconcile.ReconcilerLease.lockName(migration) + "')") == null);
    }

    /** Deploys the coordinator of an earlier {@link #migrate} again, under the same name and config. */
    public void redeploy(String migration) {
        run(migration, migrations.get(migration));
    }

    /** {@code PUT /connectors/{name}/config} with a new {@code migration.target}. */
    public void target(String migration, String target) {
        configure(migration, Map.of("migration.target", target));
    }

    /** {@code PUT /connectors/{name}/config} with {@code changes} over the config it was deployed with. */
    public void configure(String migration, Map<String, String> changes) {
        Map<String, String> config = migrations.get(migration);
        config.putAll(changes);
        TestConnect.cluster().configureConnector(migration, config);
    }

    /** The migration's state row, column name to value. */
    public Map<String, String> row(String migration) throws SQLException {
        try (var c = mysql.connect()) {
            return row(c, migration);
        }
    }

    /** The same on the caller's connection (a poller's: see the bench's MigrationClock). */
    public static Map<String, String> row(java.sql.Connection c, String migration) throws SQLException {
        try (var s = c.prepareStatement("SELECT * FROM `_twoway`.`migrations` WHERE migration_id = ?")) {
            s.setString(1, migration);
            try (var rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Map.of();
                }
                Map<String, String> row = new HashMap<>();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                }
                return row;
            }
        }
    }

    /** A deploy request's members' rows (column name to value), in the order of its statements. */
    public List<Map<String, String>> members(String request) throws SQLException {
        List<Map<String, String>> members = new java.util.ArrayList<>();
        try (var c = mysql.connect(); var s = c.prepareStatement("SELECT * FROM `_twoway`.`migrations` WHERE deploy_id = ? "
                + "ORDER BY deploy_order")) {
            s.setString(1, request);
            try (var rs = s.executeQuery()) {
                while (rs.next()) {
                    Map<String, String> row = new HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
                    }
                    members.add(row);
                }
            }
        }
        return members;
    }

    /**
     * Waits until every member of the request is in {@code state}; fails at once (with their messages)
     * if one failed instead. Returns the members' rows.
     */
    public List<Map<String, String>> awaitMembers(String request, int count, String state, Duration timeout) {
        Poll.until(timeout, () -> request + "'s " + count + " members reach state " + state + "; rows: "
                + membersQuietly(request) + "; connector: " + TestConnect.describe(request), () -> {
                    List<Map<String, String>> members = members(request);
                    assertRunning();
                    for (Map<String, String> member : members) {
                        if ("failed".equals(member.get("state")) && !"failed".equals(state)) {
                            throw new AssertionError("member " + member.get("migration_id") + " failed: "
                                    + member.get("message"));
                        }
                    }
                    return members.size() == count && members.stream().allMatch(m -> state.equals(m.get("state")));
                });
        return membersQuietly(request);
    }

    private List<Map<String, String>> membersQuietly(String request) {
        try {
            return members(request);
        }
        catch (SQLException e) {
            return List.of(Map.of("error", e.getMessage()));
        }
    }

    /** Waits for {@code state}; fails at once (with the message) if the migration failed instead. */
    public Map<String, String> awaitState(String migration, String state, Duration timeout) {
        Poll.until(timeout, () -> migration + " reaches state " + state + "; row: " + rowQuietly(migration)
                + "; connector: " + TestConnect.describe(migration), () -> {
                    Map<String, String> row = row(migration);
                    assertRunning();
                    if ("failed".equals(row.get("state")) && !"failed".equals(state)) {
                        throw new AssertionError("migration failed: " + row.get("message"));
                    }
                    return state.equals(row.get("state"));
                });
        return rowQuietly(migration);
    }

    /** The row, or the error reading it: for failure messages. */
    public Map<String, String> rowQuietly(String migration) {
        try {
            return row(migration);
        }
        catch (SQLException e) {
            return Map.of("error", e.getMessage());
        }
    }

    @Override
    public void close() {
        for (int i = connectors.size() - 1; i >= 0; i--) {
            TestConnect.deleteQuietly(connectors.get(i));
        }
        SourceStreaming.awaitStopped(prefix);
    }
}
