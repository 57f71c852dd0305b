package dev.twoway.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

import org.apache.kafka.connect.cli.ConnectDistributed;

/**
 * The workers of {@code ./twoway stack --workers N}: each Kafka's own {@link ConnectDistributed}
 * in a process of its own, on this JVM's class path, so that {@code kill -9 <pid>} crashes one
 * as a real worker crashes (no task stopped, no group left, its MySQL connections dropped) while
 * Kafka and the others go on.
 */
final class WorkerProcesses implements AutoCloseable {
    /** One started worker: its number (1..N), process and REST URL. */
    record Worker(int number, Process process, URI rest, Path log) {
    }

    private final List<Worker> workers = new ArrayList<>();
    private volatile boolean stopping;

    /**
     * Starts {@code options.workers()} workers (REST on the port given and the next ones, or on
     * free ports when it is 0) and waits until every REST API answers.
     */
    static WorkerProcesses start(StackOptions options, String bootstrapServers, PrintStream out, Duration timeout)
            throws IOException, InterruptedException {
        WorkerProcesses started = new WorkerProcesses();
        try {
            for (int i = 1; i <= options.workers(); i++) {
                int port = options.restPort() == 0 ? freePort() : options.restPort() + i - 1;
                started.workers.add(started.launch(i, port, options, bootstrapServers, out));
            }
            long deadline = System.nanoTime() + timeout.toNanos();
            for (Worker worker : started.workers) {
                awaitReady(worker, deadline, timeout);
            }
            return started;
        }
        catch (IOException | InterruptedException | RuntimeException e) {
            started.close();
            throw e;
        }
    }

    /** Polls the worker's REST API until it answers; fails at once when the worker exited (a port taken, say). */
    private static void awaitReady(Worker worker, long deadline, Duration timeout) throws InterruptedException {
        RestProbe probe = new RestProbe(worker.rest());
        while (!probe.awaitReady(Duration.ofSeconds(1))) {
            if (!worker.process().isAlive()) {
                throw new IllegalStateException("worker " + worker.number() + " exited with code "
                        + worker.process().exitValue() + " before its REST API at " + worker.rest() + " answered (log: "
                        + worker.log() + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("worker " + worker.number() + "'s REST API at " + worker.rest()
                        + " did not answer within " + timeout.toSeconds() + " s (log: " + worker.log() + ")");
            }
        }
    }

    private Worker launch(int number, int port, StackOptions options, String bootstrapServers, PrintStream out)
            throws IOException {
        Path log = sibling(options.logFile(), "-worker-" + number);
        Path settings = sibling(options.logFile(), "-worker-" + number + ".properties");
        Properties properties = new Properties();
        Map<String, String> worker = WorkerSettings.ofGroupMember(bootstrapServers, port, options.pluginPath(),
                options.pluginDiscovery());
        properties.putAll(worker);
        try (var writer = Files.newBufferedWriter(settings)) {
            properties.store(writer, "worker " + number + " of ./twoway stack --workers " + options.workers());
        }
        List<String> command = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java"),
                "-cp", System.getProperty("java.class.path")));
        System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("org.slf4j.simpleLogger."))
                .filter(k -> !k.endsWith(".logFile")).sorted() // it logs to stderr, which goes to its log
                .forEach(k -> command.add("-D" + k + "=" + System.getProperty(k)));
        command.add(ConnectDistributed.class.getName());
        command.add(settings.toString());
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile())).start();
        process.onExit().thenAccept(p -> {
            if (!stopping) {
                out.println("twoway stack: worker " + number + " (pid " + p.pid() + ") exited with code "
                        + p.exitValue() + "; the others take its connectors and tasks within "
                        + WorkerSettings.REBALANCE_DELAY_MS / 1000 + " s");
                out.flush();
            }
        });
        return new Worker(number, process, URI.create("http://127.0.0.1:" + port), log);
    }

    /** {@code stack.log} with {@code suffix}: {@code stack-worker-2.log}, {@code stack-worker-2.properties}. */
    private static Path sibling(Path logFile, String suffix) {
        String name = logFile.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String base = dot > 0 ? name.substring(0, dot) : name;
        String extension = suffix.endsWith(".properties") ? "" : dot > 0 ? name.substring(dot) : ".log";
        return logFile.resolveSibling(base + suffix + extension);
    }

    List<Worker> workers() {
        return List.copyOf(workers);
    }

    /** SIGTERM to every worker still running (each stops its tasks and leaves the group), then waits. */
    @Override
    public void close() {
        stopping = true;
        workers.forEach(w -> w.process().destroy());
        for (Worker worker : workers) {
            try {
                if (!worker.process().waitFor(60, TimeUnit.SECONDS)) {
                    worker.process().destroyForcibly();
                }
            }
            catch (InterruptedException e) {
                worker.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
