package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.twoway.it.support.Poll;
import dev.twoway.it.support.StackProcess;
import dev.twoway.it.support.TestMySql;

/**
 * {@code ./twoway stack --workers 2} as README says to try a failover by hand: two worker
 * processes in one group (a connector created through one is listed by the other), and a
 * {@code kill -9} of the one running the source's task: the other runs the task within the
 * rebalance delay and the source streams again. Prints the time from the kill to that.
 */
class StackWorkersIT {
    private static final Pattern WORKER = Pattern.compile("worker (\\d+): +pid (\\d+), REST (\\S+),");
    private static final Duration WAIT = Duration.ofSeconds(120);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private StackProcess stack;
    private String database;

    @AfterEach
    void stopStack() throws SQLException {
        if (stack != null) {
            stack.close();
        }
        if (database != null) {
            mysql.execute("DROP DATABASE IF EXISTS `" + database + "`");
        }
    }

    @Test
    void twoWorkerProcessesShareTheGroupAndTheOtherRunsAKilledWorkersTask() throws Exception {
        Path plugins = StackProcess.repoRoot().resolve("distribution/target/plugins");
        assertTrue(Files.isDirectory(plugins.resolve("twoway/lib")), plugins + " holds twoway (built by distribution)");
        stack = StackProcess.start(StackProcess.repoRoot(), plugins, "service_load", "stack-workers-it",
                List.of("--workers", "2", "--rest-port", "0")); // a free port each: the next one may be taken
        Map<Long, URI> workers = workers(stack.printed());
        assertEquals(2, workers.size(), "two workers printed with their pids: " + stack.printed());
        for (URI rest : workers.values()) {
            assertEquals("[]", get(rest, "/connectors"), "worker " + rest + " answers GET /connectors");
        }

        database = mysql.createDatabase("stackworkers");
        mysql.execute("CREATE TABLE `" + database + "`.`items` (`id` INT PRIMARY KEY, `title` VARCHAR(64) NOT NULL)");
        List<URI> urls = new ArrayList<>(workers.values());
        ObjectNode payload = sourcePayload();
        String connector = payload.get("name").asText();
        HttpResponse<String> created = send(HttpRequest.newBuilder(urls.get(0).resolve("/connectors"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(payload.toString())));
        assertEquals(201, created.statusCode(), created.body());
        Poll.until(WAIT, "worker 2 lists " + connector, () -> get(urls.get(1), "/connectors").contains(connector));

        String first = awaitTaskRunning(urls, connector, null);
        long pid = workers.entrySet().stream().filter(w -> workerId(w.getValue()).equals(first)).findFirst()
                .orElseThrow(() -> new AssertionError(first + " is none of " + workers)).getKey();
        URI survivor = workers.entrySet().stream().filter(w -> w.getKey() != pid).findFirst().orElseThrow().getValue();
        long killed = System.nanoTime();
        assertTrue(ProcessHandle.of(pid).orElseThrow().destroyForcibly(), "SIGKILL sent to worker pid " + pid);

        String second = awaitTaskRunning(List.of(survivor), connector, first);
        long running = System.nanoTime();
        assertEquals(workerId(survivor), second, "the surviving worker runs the task");
        awaitStreamed(survivor, connector);
        System.out.printf("stack --workers 2: kill -9 of worker pid %d -> task RUNNING on %s after %,d ms, "
                + "a new row streamed after %,d ms%n", pid, second, (running - killed) / 1_000_000,
                (System.nanoTime() - killed) / 1_000_000);
        Poll.until(Duration.ofSeconds(30), "the stack says the worker exited", () -> stack.printed()
                .contains("(pid " + pid + ") exited"));
    }

    /** Worker pid to REST URL, as the stack printed them. */
    private static Map<Long, URI> workers(String printed) {
        Map<Long, URI> workers = new LinkedHashMap<>();
        Matcher m = WORKER.matcher(printed);
        while (m.find()) {
            workers.put(Long.parseLong(m.group(2)), URI.create(m.group(3)));
        }
        return workers;
    }

    /** What Connect's status calls a worker: its advertised host and port. */
    private static String workerId(URI rest) {
        return rest.getHost() + ":" + rest.getPort();
    }

    /** Polls the status through {@code urls} until task 0 is RUNNING on a worker other than {@code not}. */
    private String awaitTaskRunning(List<URI> urls, String connector, String not) {
        String[] on = new String[1];
        Poll.until(WAIT, () -> connector + "'s task running" + (not == null ? "" : " elsewhere than " + not), () -> {
            for (URI rest : urls) {
                try {
                    JsonNode task = JSON.readTree(get(rest, "/connectors/" + connector + "/status")).at("/tasks/0");
                    if ("RUNNING".equals(task.path("state").asText()) && !task.path("worker_id").asText().equals(not)) {
                        on[0] = task.path("worker_id").asText();
                        return true;
                    }
                }
                catch (IOException down) {
                    // that worker is the one killed
                }
            }
            return false;
        });
        assertNotEquals(null, on[0]);
        return on[0];
    }

    /**
     * The source's own row in the sidecar says it streams and saw a binlog event after the new
     * task ran (twoway writes its times in UTC, so they are compared with MySQL's UTC clock).
     */
    private void awaitStreamed(URI rest, String connector) throws SQLException {
        String since = mysql.value("SELECT UTC_TIMESTAMP(3)");
        Poll.until(WAIT, () -> connector + " streaming again; " + quietly(rest, connector), () -> {
            mysql.execute("INSERT INTO `" + database + "`.`items` VALUES (" + (System.nanoTime() % 1_000_000_000) + ", 'r') "
                    + "ON DUPLICATE KEY UPDATE title = 'again'");
            return "streaming".equals(mysql.value("SELECT state FROM `_twoway`.`sources` WHERE connector = '" + connector
                    + "' AND last_event_at > '" + since + "'"));
        });
    }

    private ObjectNode sourcePayload() throws IOException {
        ObjectNode payload = (ObjectNode) JSON.readTree(StackProcess.repoRoot().resolve("config/source.json").toFile());
        payload.put("name", "stack-workers-it-" + database);
        ObjectNode config = (ObjectNode) payload.get("config");
        mysql.connectionConfig().forEach(config::put);
        config.put("database.include.list", database);
        return payload;
    }

    private static String get(URI rest, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = send(HttpRequest.newBuilder(rest.resolve(path)).GET());
        if (response.statusCode() != 200) {
            throw new IOException("GET " + rest.resolve(path) + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return HTTP.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String quietly(URI rest, String connector) {
        try {
            return get(rest, "/connectors/" + connector + "/status");
        }
        catch (IOException | InterruptedException e) {
            return "(" + e + ")";
        }
    }
}
