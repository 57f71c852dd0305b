package dev.twoway.stack.operator;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The Connect REST API the operator's commands speak to: the connectors with their configs and
 * states, one connector's config, the whole-config {@code PUT} and a task restart.
 */
final class ConnectApi {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(90);

    /** A refused request: Connect's status and its own message. */
    static final class Refused extends Exception {
        final int status;

        Refused(int status, String message) {
            super(message);
            this.status = status;
        }
    }

    /** A connector as {@code GET /connectors?expand=info&expand=status} lists it. */
    record Connector(String name, Map<String, String> config, String state, String taskState, String taskTrace) {
        String connectorClass() {
            return config.getOrDefault("connector.class", "");
        }
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ConnectApi(URI base) {
        this.base = base;
    }

    URI base() {
        return base;
    }

    List<Connector> connectors() throws IOException, Refused {
        JsonNode all = JSON.readTree(expect(send(request("/connectors?expand=info&expand=status").GET()), 200));
        List<Connector> out = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = all.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> entry = it.next();
            JsonNode status = entry.getValue().path("status");
            JsonNode task = status.path("tasks").path(0);
            out.add(new Connector(entry.getKey(), strings(entry.getValue().path("info").path("config")),
                    status.path("connector").path("state").asText("UNKNOWN"), task.path("state").asText(null),
                    task.path("trace").asText(null)));
        }
        return out;
    }

    /** The connector's state and its first task's, with the task's trace when it failed. */
    Connector status(String name, Map<String, String> config) throws IOException, Refused {
        JsonNode status = JSON.readTree(expect(send(request("/connectors/" + path(name) + "/status").GET()), 200));
        JsonNode task = status.path("tasks").path(0);
        return new Connector(name, config, status.path("connector").path("state").asText("UNKNOWN"),
                task.path("state").asText(null), task.path("trace").asText(null));
    }

    Map<String, String> config(String name) throws IOException, Refused {
        return strings(JSON.readTree(expect(send(request("/connectors/" + path(name) + "/config").GET()), 200)));
    }

    /** {@code PUT /connectors/{name}/config}: Connect validates the whole config and refuses it with the reasons. */
    void putConfig(String name, Map<String, String> config) throws IOException, Refused {
        expect(send(request("/connectors/" + path(name) + "/config").header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config)))), 200);
    }

    /** Restarts the connector and its tasks ({@code POST /connectors/{name}/restart?includeTasks=true}). */
    void restart(String name) throws IOException, Refused {
        HttpResponse<String> response = send(request("/connectors/" + path(name) + "/restart?includeTasks=true")
                .POST(HttpRequest.BodyPublishers.noBody()));
        if (response.statusCode() != 202 && response.statusCode() != 204 && response.statusCode() != 200) {
            throw refused(response);
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
        catch (IOException e) {
            throw new IOException("the Connect REST API at " + base + " is unreachable (" + e + ")", e);
        }
    }

    private static String expect(HttpResponse<String> response, int status) throws Refused {
        if (response.statusCode() != status) {
            throw refused(response);
        }
        return response.body();
    }

    /** Connect's error body is {@code {"error_code", "message"}}. */
    private static Refused refused(HttpResponse<String> response) {
        String message = response.body();
        try {
            message = JSON.readTree(response.body()).path("message").asText(response.body());
        }
        catch (IOException notJson) {
            // the body as it is
        }
        return new Refused(response.statusCode(), message);
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> out = new LinkedHashMap<>();
        object.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    private static String path(String name) {
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
