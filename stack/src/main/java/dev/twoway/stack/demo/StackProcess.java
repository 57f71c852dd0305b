package dev.twoway.stack.demo;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Kafka + Connect as {@code ./twoway stack} runs them, in a child JVM ({@link StackChild}) on the
 * stack's class path, in its own session so that Ctrl-C reaches the demo only and the demo stops
 * it after deleting its connectors.
 */
final class StackProcess {
    static final int DEFAULT_REST_PORT = 8083;
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Pattern REST = Pattern.compile("Connect REST: *(\\S+)");

    private final Process process;
    private final OutputStream stdin;
    private final Path output;
    private final Path log;
    private URI restUrl;

    private StackProcess(Process process, Path output, Path log) {
        this.process = process;
        this.stdin = process.getOutputStream();
        this.output = output;
        this.log = log;
    }

    static StackProcess start(Path repo, int restPort) throws IOException {
        Path target = repo.resolve("stack/target");
        Path log = target.resolve("demo-stack.log");
        Path output = target.resolve("demo-stack.out");
        Files.deleteIfExists(log);
        List<String> command = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            command.add("/usr/bin/setsid");
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", classPath(repo), StackChild.class.getName(),
                "--rest-port", Integer.toString(restPort),
                "--plugin-path", repo.resolve("distribution/target/plugins").toString(),
                "--log-file", log.toString()));
        Process process = new ProcessBuilder(command).directory(repo.toFile())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        return new StackProcess(process, output, log);
    }

    /** 8083 when nothing listens there, else any free port. */
    static int restPort() throws IOException {
        try (ServerSocket probe = new ServerSocket(DEFAULT_REST_PORT, 1, InetAddress.getLoopbackAddress())) {
            return DEFAULT_REST_PORT;
        }
        catch (IOException busy) {
            try (ServerSocket any = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
                return any.getLocalPort();
            }
        }
    }

    /** The stack's class path as ./twoway stack builds it: Kafka and Connect, no twoway plugin. */
    private static String classPath(Path repo) throws IOException {
        Path file = repo.resolve("stack/target/classpath.txt");
        if (!Files.isRegularFile(file)) {
            throw new DemoFailure("no " + file + " (build first: ./twoway build)");
        }
        return Files.readString(file).trim() + File.pathSeparator + repo.resolve("stack/target/classes");
    }

    /** Waits until the stack prints its REST address; a DemoFailure with its last lines if it exits first. */
    URI awaitReady() {
        Wait.until(STARTUP, Duration.ofMillis(200), "the stack printing its REST address (log: " + log + ")", () -> {
            if (!process.isAlive()) {
                throw new DemoFailure("the stack exited with " + process.exitValue() + ": " + tail() + " (log: " + log + ")");
            }
            Matcher m = REST.matcher(Files.readString(output));
            if (m.find()) {
                restUrl = URI.create(m.group(1));
            }
            return restUrl != null;
        });
        return restUrl;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** SIGTERM (Connect, then Kafka stop in order), then force the whole tree after a minute. */
    void stop() throws InterruptedException {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        try {
            stdin.close();
        }
        catch (IOException ignored) {
            // SIGTERM below does the same
        }
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
        tree.forEach(ProcessHandle::destroyForcibly);
    }

    private String tail() throws IOException {
        List<String> lines = Files.readAllLines(output);
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
    }
}
