package dev.twoway.it.support;

import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./twoway stack} in its own JVM, started as the launcher starts it but without its
 * build step (Maven is already building): the stack's class path, where twoway is not, and a
 * plugin directory. Talks to its Connect REST API; {@link #close()} kills the process tree.
 */
public final class StackProcess implements AutoCloseable {
    private static final Duration STARTUP = Duration.ofMinutes(3);
    private static final Pattern BOOTSTRAP = Pattern.compile("bootstrap servers: *(\\S+)");
    private static final Pattern REST = Pattern.compile("Connect REST: *(\\S+)");
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Process process;
    private final Path output;
    private String bootstrapServers;
    private URI restUrl;

    private StackProcess(Process process, Path output) {
        this.process = process;
        this.output = output;
    }

    /**
     * Starts the stack on a free REST port with {@code plugins} as {@code plugin.path} and the
     * given {@code plugin.discovery}; its output and log go to integration-tests/target/{@code name}.*.
     */
    public static StackProcess start(Path repo, Path plugins, String discovery, String name) throws IOException {
        return start(repo, plugins, discovery, name, List.of());
    }

    /** The same with {@code options} added to the stack's command line (e.g. {@code --workers 2}). */
    public static StackProcess start(Path repo, Path plugins, String discovery, String name, List<String> options)
            throws IOException {
        Path classpath = repo.resolve("stack/target/classpath.txt");
        if (!Files.isRegularFile(classpath)) {
            throw new AssertionError(classpath + " is missing (built by the stack module: ./twoway build)");
        }
        Path target = repo.resolve("integration-tests/target");
        Files.createDirectories(target);
        Path output = target.resolve(name + ".out");
        String javaCommand = ProcessHandle.current().info().command().orElse("java");
        String cp = Files.readString(classpath).trim() + File.pathSeparator + repo.resolve("stack/target/classes");
        List<String> command = new ArrayList<>(List.of(javaCommand, "-cp", cp, "dev.twoway.stack.Stack",
                "--rest-port", Integer.toString(freePort()),
                "--plugin-path", plugins.toString(),
                "--plugin-discovery", discovery,
                "--log-file", target.resolve(name + ".log").toString()));
        command.addAll(options);
        Process process = new ProcessBuilder(command)
                .directory(repo.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        StackProcess stack = new StackProcess(process, output);
        try {
            stack.awaitReady();
        }
        catch (RuntimeException | Error e) {
            stack.close();
            throw e;
        }
        return stack;
    }

    /** The repository: config/'s parent as Failsafe passes it, else Maven's project directory. */
    public static Path repoRoot() {
        String configDir = System.getProperty("twoway.config.dir");
        Path root = configDir != null ? Path.of(configDir).getParent()
                : Path.of(System.getProperty("maven.multiModuleProjectDirectory", ".."));
        return root.toAbsolutePath().normalize();
    }

    private void awaitReady() {
        Poll.until(STARTUP, () -> "the stack printing its addresses; it printed:\n" + printedQuietly(), () -> {
            if (!process.isAlive()) {
                throw new AssertionError("the stack exited with " + process.exitValue() + ":\n" + printed());
            }
            String text = printed();
            Optional<String> bootstrap = find(BOOTSTRAP, text);
            Optional<String> rest = find(REST, text);
            bootstrap.ifPresent(b -> bootstrapServers = b);
            rest.ifPresent(r -> restUrl = URI.create(r));
            return bootstrap.isPresent() && rest.isPresent();
        });
    }

    public String printed() throws IOException {
        return Files.exists(output) ? Files.readString(output) : "";
    }

    private String printedQuietly() {
        try {
            return printed();
        }
        catch (IOException e) {
            return "(" + e + ")";
        }
    }

    private static Optional<String> find(Pattern pattern, String text) {
        Matcher m = pattern.matcher(text);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public URI restUrl() {
        return restUrl;
    }

    /** {@code GET path}; fails unless 200. */
    public String get(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(restUrl.resolve(path)).GET());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    /** {@code POST path} with a JSON body; the response, whatever its status. */
    public HttpResponse<String> post(String path, String json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(restUrl.resolve(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(60)).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** SIGTERM (the stack stops Connect, then Kafka), then force whatever is left. */
    @Override
    public void close() {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
        catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        finally {
            tree.forEach(ProcessHandle::destroyForcibly);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
