package dev.twoway.stack.demo;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The Connect REST API of the demo's stack: create, reconfigure, watch and delete connectors. */
final class ConnectRest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TIMEOUT = Duration.ofSeconds(60);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;

    ConnectRest(URI base) {
        this.base = base;
    }

    /** POST /connectors with a {@code {"name", "config"}} payload; a refusal fails the demo with Connect's reason. */
    void create(JsonNode payload) {
        HttpResponse<String> response = send(request("/connectors")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload.toString())));
        expect(response, 201, "POST /connectors (" + payload.path("name").asText() + ")");
    }

    /** PUT /connectors/{name}/config. */
    void configure(String name, JsonNode config) {
        HttpResponse<String> response = send(request("/connectors/" + name + "/config")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(config.toString())));
        expect(response, 200, "PUT /connectors/" + name + "/config");
    }

    /** DELETE /connectors/{name}; a connector that is not there is fine. */
    void delete(String name) {
        HttpResponse<String> response = send(request("/connectors/" + name).DELETE());
        if (response.statusCode() != 404) {
            expect(response, 204, "DELETE /connectors/" + name);
        }
    }

    /** Waits until the connector and its first task run; fails at once when one failed. */
    void awaitRunning(String name, Duration timeout) {
        Wait.until(timeout, Duration.ofMillis(250), name + " RUNNING with its task", () -> {
            failure(name).ifPresent(reason -> {
                throw new DemoFailure(name + " failed: " + reason);
            });
            JsonNode status = status(name);
            return "RUNNING".equals(status.at("/connector/state").asText())
                    && "RUNNING".equals(status.at("/tasks/0/state").asText());
        });
    }

    /** The first line of the trace of a FAILED connector or task, if one failed; empty before it has a status. */
    Optional<String> failure(String name) {
        JsonNode status;
        try {
            status = status(name);
        }
        catch (IOException notYet) {
            return Optional.empty();
        }
        for (JsonNode part : new JsonNode[] {status.path("connector"), status.at("/tasks/0")}) {
            if ("FAILED".equals(part.path("state").asText())) {
                return Optional.of(part.path("trace").asText("(no trace)").lines().findFirst().orElse(""));
            }
        }
        return Optional.empty();
    }

    private JsonNode status(String name) throws IOException {
        HttpResponse<String> response = send(request("/connectors/" + name + "/status").GET());
        if (response.statusCode() != 200) {
            throw new IOException("GET /connectors/" + name + "/status: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).timeout(TIMEOUT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
        catch (IOException e) {
            throw new DemoFailure("Connect REST API at " + base + " unreachable", e);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted while calling the Connect REST API");
        }
    }

    private static void expect(HttpResponse<String> response, int status, String what) {
        if (response.statusCode() != status) {
            throw new DemoFailure(what + " refused (" + response.statusCode() + "): " + message(response.body()));
        }
    }

    /** Connect's error body is {@code {"error_code", "message"}}; the message says why. */
    private static String message(String body) {
        try {
            return JSON.readTree(body).path("message").asText(body);
        }
        catch (IOException notJson) {
            return body;
        }
    }
}
