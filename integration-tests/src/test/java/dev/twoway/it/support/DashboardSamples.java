package dev.twoway.it.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * Scrapes of the exporter's rules taken every {@code every} on a thread of their own while a test
 * runs, as Prometheus scrapes a worker: what {@code scripts/render-dashboard.sh} draws the
 * dashboard's panels from. Sampling only records; no test waits on it.
 */
public final class DashboardSamples implements AutoCloseable {
    /** One scrape: when (epoch ms) and every twoway series then. */
    public record Sample(long at, List<ExporterScrape.Series> series) {
    }

    private final ExporterScrape exporter;
    private final long everyMs;
    private final List<Sample> samples = new ArrayList<>();
    private final Thread thread;
    private volatile boolean running = true;

    private DashboardSamples(ExporterScrape exporter, Duration every) {
        this.exporter = exporter;
        this.everyMs = every.toMillis();
        this.thread = new Thread(this::run, "dashboard-samples");
        this.thread.setDaemon(true);
    }

    public static DashboardSamples start(ExporterScrape exporter, Duration every) {
        DashboardSamples sampling = new DashboardSamples(exporter, every);
        sampling.thread.start();
        return sampling;
    }

    private void run() {
        while (running) {
            List<ExporterScrape.Series> now = exporter.scrape();
            synchronized (samples) {
                samples.add(new Sample(System.currentTimeMillis(), now));
            }
            try {
                Thread.sleep(everyMs);
            }
            catch (InterruptedException e) {
                return;
            }
        }
    }

    /** A scrape taken now (also kept among the samples). */
    public List<ExporterScrape.Series> last() {
        List<ExporterScrape.Series> now = exporter.scrape();
        synchronized (samples) {
            samples.add(new Sample(System.currentTimeMillis(), now));
        }
        return now;
    }

    /** Writes every sample so far as JSON: {@code {"samples": [{"at", "series": [{"name", "labels", "value"}]}]}}. */
    public void write(Path file) throws IOException {
        List<Sample> copy;
        synchronized (samples) {
            copy = List.copyOf(samples);
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
                .writeValue(file.toFile(), Map.of("samples", copy));
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        thread.interrupt();
        thread.join(10_000);
    }
}
