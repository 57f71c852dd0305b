package dev.twoway.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Asks the worker's REST API whether it serves requests yet. */
final class RestProbe {
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final URI plugins;

    RestProbe(URI restUrl) {
        this.plugins = restUrl.resolve("/connector-plugins");
    }

    /** Polls GET /connector-plugins until it answers 200; false when {@code timeout} passed first. */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers()) {
                return true;
            }
            Thread.sleep(200);
        }
        return false;
    }

    private boolean answers() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(plugins).timeout(Duration.ofSeconds(5)).GET().build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        }
        catch (IOException notYet) {
            return false;
        }
    }
}
