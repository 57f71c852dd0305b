package dev.twoway.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;

import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * The process behind {@code ./twoway stack}: a single-node KRaft broker and one distributed
 * Connect worker in this JVM, until it is told to stop (Ctrl-C, SIGTERM). twoway is not on
 * this class path: the worker loads it from {@code plugin.path}, as a real deployment does.
 * With {@code --workers N} (N > 1) the broker stays here and the N workers of one group are
 * processes of their own ({@link WorkerProcesses}), so that one can be killed.
 */
public final class Stack {
    private static final Duration REST_TIMEOUT = Duration.ofMinutes(2);

    private final StackOptions options;
    private final PrintStream out;
    private KafkaBroker kafka;
    private Connect<?> connect;
    private WorkerProcesses workers;
    private final java.util.concurrent.CountDownLatch stopped = new java.util.concurrent.CountDownLatch(1);

    private Stack(StackOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    public static void main(String[] args) throws Exception {
        StackOptions options;
        try {
            options = StackOptions.parse(args);
        }
        catch (IllegalArgumentException e) {
            System.err.println("stack: " + e.getMessage());
            System.exit(2);
            return;
        }
        StackLog.sendTo(options.logFile());
        Stack stack = new Stack(options, StackLog.keepTerminal(options.logFile()));
        Runtime.getRuntime().addShutdownHook(new Thread(stack::stop, "twoway-stack-stop"));
        try {
            stack.start();
        }
        catch (Exception e) {
            System.err.println("stack: " + e.getMessage() + " (log: " + options.logFile() + ")");
            System.exit(1);
        }
        if (stack.connect != null) {
            stack.connect.awaitStop();
        }
        else {
            stack.stopped.await();
        }
    }

    private void start() throws Exception {
        checkPlugins();
        if (options.workers() > 1) {
            startGroup();
            return;
        }
        out.println("twoway stack: starting Kafka (KRaft, one node) and a Connect worker; log: " + options.logFile());
        kafka = KafkaBroker.start();
        connect = new ConnectDistributed().startConnect(
                WorkerSettings.of(kafka.bootstrapServers(), options.restPort(), options.pluginPath(),
                        options.pluginDiscovery()));
        URI rest = connect.rest().serverUrl();
        if (!new RestProbe(rest).awaitReady(REST_TIMEOUT)) {
            throw new IllegalStateException("the Connect REST API at " + rest + " did not answer within "
                    + REST_TIMEOUT.toSeconds() + " s");
        }
        String restUrl = rest.toString().replaceAll("/$", "");
        writeInfo(restUrl, List.of(restUrl));
        out.println("twoway stack: ready");
        out.println("  bootstrap servers: " + kafka.bootstrapServers());
        out.println("  Connect REST:      " + restUrl);
        out.println("  plugin.path:       " + options.pluginPath() + " (plugin.discovery=" + options.pluginDiscovery() + ")");
        out.println("  log:               " + options.logFile());
        out.println("Ctrl-C stops it (topics and connectors are not kept).");
        out.flush();
    }

    /** Kafka here, {@code --workers} Connect workers in processes of their own. */
    private void startGroup() throws Exception {
        out.println("twoway stack: starting Kafka (KRaft, one node) and " + options.workers()
                + " Connect workers (one process each); log: " + options.logFile());
        kafka = KafkaBroker.start();
        workers = WorkerProcesses.start(options, kafka.bootstrapServers(), out, REST_TIMEOUT);
        List<String> urls = workers.workers().stream().map(w -> w.rest().toString()).toList();
        writeInfo(urls.get(0), urls);
        out.println("twoway stack: ready");
        out.println("  bootstrap servers: " + kafka.bootstrapServers());
        out.println("  Connect REST:      " + urls.get(0) + " (any worker's REST serves the whole group)");
        for (WorkerProcesses.Worker worker : workers.workers()) {
            out.printf("  worker %d:          pid %d, REST %s, log %s%n", worker.number(), worker.process().pid(),
                    worker.rest(), worker.log());
        }
        out.println("  plugin.path:       " + options.pluginPath() + " (plugin.discovery=" + options.pluginDiscovery() + ")");
        out.println("  log:               " + options.logFile());
        out.println("kill -9 <pid> crashes a worker: the others run its connectors and tasks within "
                + WorkerSettings.REBALANCE_DELAY_MS / 1000 + " s (scheduled.rebalance.max.delay.ms).");
        out.println("Ctrl-C stops it all (topics and connectors are not kept).");
        out.flush();
    }

    /** twoway is a plugin directory named twoway (as built) or twoway-VERSION (the archive unzipped). */
    private void checkPlugins() throws IOException {
        boolean found;
        try (Stream<Path> plugins = Files.list(options.pluginPath())) {
            found = plugins.anyMatch(p -> Files.isDirectory(p) && p.getFileName().toString().matches("twoway(-.+)?"));
        }
        catch (NoSuchFileException e) {
            found = false;
        }
        if (!found) {
            throw new IllegalStateException("no twoway plugin in " + options.pluginPath()
                    + " (build it: ./twoway build)");
        }
        if (Stack.class.getClassLoader().getResource("dev/twoway/source") != null) {
            throw new IllegalStateException("twoway is on the stack's class path; it must come from plugin.path only");
        }
    }

    private void writeInfo(String restUrl, List<String> restUrls) throws IOException {
        if (options.infoFile() == null) {
            return;
        }
        Files.createDirectories(options.infoFile().getParent());
        Files.writeString(options.infoFile(), "bootstrap.servers=" + kafka.bootstrapServers() + "\n"
                + "rest.url=" + restUrl + "\n" + (restUrls.size() > 1 ? "rest.urls=" + String.join(",", restUrls) + "\n" : ""));
    }

    private synchronized void stop() {
        out.println("twoway stack: stopping");
        try {
            if (connect != null) {
                // Connect stops itself from its own shutdown hook; a second stop() deadlocks in Jetty.
                connect.awaitStop();
            }
            if (workers != null) {
                workers.close();
            }
        }
        finally {
            stopped.countDown();
            closeKafka();
            deleteInfo();
            out.println("twoway stack: stopped");
            out.flush();
        }
    }

    private void closeKafka() {
        try {
            if (kafka != null) {
                kafka.close();
            }
        }
        catch (Exception e) {
            System.err.println("stack: stopping Kafka failed: " + e);
        }
    }

    private void deleteInfo() {
        try {
            if (options.infoFile() != null) {
                Files.deleteIfExists(options.infoFile());
            }
        }
        catch (IOException ignored) {
            // a stale info file names ports nobody listens on; harmless
        }
    }
}
