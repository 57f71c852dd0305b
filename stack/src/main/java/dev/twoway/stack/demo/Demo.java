package dev.twoway.stack.demo;

import java.net.URI;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ./twoway demo}: MySQL (the sandbox unless TWOWAY_MYSQL_URL), Kafka + Connect as a child
 * process, the three connectors deployed from config/*.json through the REST API, and the
 * walk-through on twoway_demo.users under a live writer. Everything it started it stops again,
 * at the end, on failure and on Ctrl-C.
 */
public final class Demo {
    static final String SIDECAR = "_twoway";
    private static final Duration RUNNING_TIMEOUT = Duration.ofMinutes(5);
    private static volatile boolean stopping;

    private final DemoOptions options;
    private final Console console;
    private final Cleanup cleanup;
    private final String suffix = Long.toString(System.currentTimeMillis() / 1000, 36);

    private Demo(DemoOptions options, Console console, Cleanup cleanup) {
        this.options = options;
        this.console = console;
        this.cleanup = cleanup;
    }

    public static void main(String[] args) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        }
        catch (DemoFailure f) {
            (f.exitCode() == 0 ? System.out : System.err).println(f.getMessage());
            System.exit(f.exitCode());
            return;
        }
        Console console = new Console(System.out, options.tty());
        Cleanup cleanup = new Cleanup(console);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (!stopping) {
                stopping = true;
                console.error("interrupted: stopping what the demo started");
                cleanup.runAll();
            }
        }, "twoway-demo-cleanup"));
        int code = new Demo(options, console, cleanup).runAndCleanUp();
        stopping = true;
        System.exit(code);
    }

    private int runAndCleanUp() {
        String failure = null;
        int code = 0;
        try {
            run();
        }
        catch (DemoFailure f) {
            failure = f.getMessage();
            code = f.exitCode();
        }
        catch (Exception e) {
            failure = e.toString();
            code = 1;
        }
        if (stopping) {
            return 130;
        }
        console.line("cleanup");
        cleanup.runAll();
        console.line(failure == null ? "twoway demo: passed" : "twoway demo: FAILED: " + failure);
        return code;
    }

    private void run() throws Exception {
        DemoDdl ddl = DemoDdl.of(options.ddl(), DemoTable.DATABASE, DemoTable.TABLE, DemoTable.COLUMNS);
        console.line(String.format("twoway demo: %s on %,d rows under a live writer (%d statements/s)%s",
                ddl.statement(), options.rows(), options.rate(), options.deploy() ? ", in a deploy request with CREATE "
                        + "TABLE " + DemoRequest.NOTES + " and DROP TABLE " + DemoRequest.SESSIONS : ""));
        MySqlTarget mysql = mysql();
        prepareTable(mysql);
        ConnectorPayloads payloads = new ConnectorPayloads(options.repo().resolve("config"), mysql, DemoTable.DATABASE, suffix);
        ObjectNode source = payloads.source();
        ObjectNode sink = payloads.sink(ConnectorPayloads.config(source).path("topic.prefix").asText("twoway"));
        DemoRequest request = options.deploy() ? new DemoRequest(mysql, console, SIDECAR) : null;
        ObjectNode migration = payloads.migration(request == null ? ddl.statement() : DemoRequest.statements(ddl.statement()));
        if (request != null) {
            migration.put("name", "twoway-demo-release-" + suffix);
            request.createSessions();
        }
        else if (!options.ddl().equals(DemoDdl.DEFAULT)) {
            migration.put("name", "twoway-users-migration-" + suffix);
        }
        // A request's first member is the statement on users: its row moves as the whole request does.
        String watched = ConnectorPayloads.name(migration) + (request == null ? "" : "/1");
        cleanup.add("sidecar rows of this run's source and sink deleted",
                () -> forgetConnectors(mysql, ConnectorPayloads.name(source), ConnectorPayloads.name(sink)));
        ConnectRest rest = new ConnectRest(startStack());
        deploy(rest, source, "config/source.json", true);
        deploy(rest, sink, "config/sink.json", true);
        ModelWriter writer = startWriter(mysql, ddl);
        awaitPipeline(mysql, ConnectorPayloads.name(sink),
                ConnectorPayloads.config(source).path("topic.prefix").asText("twoway"));
        deploy(rest, migration, "config/migration.json", false);
        MigrationStatus reverted;
        try (MigrationWatch watch = new MigrationWatch(mysql, SIDECAR, watched, ConnectorPayloads.name(migration), rest,
                writer)) {
            reverted = new WalkThrough(console, rest, watch, writer, migration, request).run();
        }
        writer.close();
        boolean verified = new Verification(mysql, console).run(writer, reverted.shadowTable());
        if (request != null) {
            verified &= request.verify(ConnectorPayloads.name(migration));
        }
        if (!verified) {
            throw new DemoFailure("the verification failed (see above)");
        }
        console.line("kept      " + DemoTable.DATABASE + " (users and the parked table) and the state row "
                + ConnectorPayloads.name(migration) + " in " + SIDECAR + ".migrations, to look at");
    }

    /** TWOWAY_MYSQL_URL's server, or the sandbox (started here when it is not running, and then stopped at the end). */
    private MySqlTarget mysql() {
        String url = System.getenv("TWOWAY_MYSQL_URL");
        MySqlTarget mysql;
        if (url != null && !url.isBlank()) {
            mysql = MySqlTarget.fromUrl(url);
            console.line("mysql     " + mysql + " (TWOWAY_MYSQL_URL)");
        }
        else {
            Sandbox sandbox = new Sandbox(options.repo());
            boolean running = sandbox.ensureRunning();
            if (!running) {
                cleanup.add("MySQL sandbox stopped (the demo started it)", sandbox::stop);
            }
            mysql = MySqlTarget.sandbox();
            console.line("mysql     sandbox " + mysql + (running ? " (already running; left running)" : " (started; stopped at the end)"));
        }
        try (Connection c = mysql.connect()) {
            return mysql;
        }
        catch (SQLException e) {
            throw new DemoFailure("cannot connect to MySQL at " + mysql, e);
        }
    }

    private void prepareTable(MySqlTarget mysql) throws SQLException {
        long start = System.nanoTime();
        try (Connection c = mysql.connect()) {
            DemoTable.forgetEarlierRuns(c, SIDECAR);
            DemoTable.recreate(c, options.rows());
        }
        console.line(String.format("table     %s.%s created with %,d rows (%.1f s)", DemoTable.DATABASE, DemoTable.TABLE,
                options.rows(), (System.nanoTime() - start) / 1e9));
    }

    private URI startStack() throws Exception {
        StackProcess stack = StackProcess.start(options.repo(), StackProcess.restPort());
        cleanup.add("stack stopped (pid " + stack.pid() + " and its children)", stack::stop);
        console.line("stack     Kafka + Connect starting as pid " + stack.pid() + "; log: " + stack.log());
        URI url = stack.awaitReady();
        console.detail("Connect REST: " + url);
        return url;
    }

    private void deploy(ConnectRest rest, ObjectNode payload, String file, boolean awaitRunning) {
        String name = ConnectorPayloads.name(payload);
        rest.create(payload);
        cleanup.add("connector " + name + " deleted", () -> rest.delete(name));
        if (awaitRunning) {
            rest.awaitRunning(name, RUNNING_TIMEOUT);
        }
        console.line(String.format("deploy    %-40s from %s: %s", name, file, awaitRunning ? "RUNNING" : "created"));
    }

    private ModelWriter startWriter(MySqlTarget mysql, DemoDdl ddl) throws SQLException {
        List<String> written = ddl.untouchedColumns();
        ModelWriter writer = ModelWriter.start(mysql, DemoTable.qualified(), DemoTable.COLUMNS, written, options.rate());
        cleanup.add("live writer stopped", writer::close);
        console.line("writer    " + options.rate() + " inserts/updates/deletes per second on " + String.join(", ", written));
        return writer;
    }

    /** Proves the stream: the sink has consumed a change the writer made after the source started. */
    private void awaitPipeline(MySqlTarget mysql, String sink, String topicPrefix) throws SQLException {
        long start = System.nanoTime();
        String topic = topicPrefix + "." + DemoTable.DATABASE + "." + DemoTable.TABLE;
        try (Connection c = mysql.connect(); PreparedStatement s = c.prepareStatement("SELECT next_offset FROM `"
                + SIDECAR + "`.`sink_progress` WHERE connector = ? AND topic = ?")) {
            s.setString(1, sink);
            s.setString(2, topic);
            Wait.until(RUNNING_TIMEOUT, Duration.ofMillis(250), "the sink consuming the writer's changes on " + topic, () -> {
                try (var rs = s.executeQuery()) {
                    return rs.next() && rs.getLong(1) > 0;
                }
            });
        }
        console.line(String.format("pipeline  the writer's changes stream through %s to the sink (%.1f s)", topic,
                (System.nanoTime() - start) / 1e9));
    }

    private static void forgetConnectors(MySqlTarget mysql, String source, String sink) throws SQLException {
        try (Connection c = mysql.connect();
                PreparedStatement history = c.prepareStatement("DELETE FROM `" + SIDECAR + "`.`schema_history` WHERE connector = ?");
                PreparedStatement progress = c.prepareStatement("DELETE FROM `" + SIDECAR + "`.`sink_progress` WHERE connector = ?")) {
            history.setString(1, source);
            history.executeUpdate();
            progress.setString(1, sink);
            progress.executeUpdate();
        }
    }
}
