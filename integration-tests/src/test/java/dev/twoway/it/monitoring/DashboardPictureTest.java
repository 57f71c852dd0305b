package dev.twoway.it.monitoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** The dashboard's picture over a few hand-made scrapes: the queries evaluated as Prometheus would, every panel drawn. */
class DashboardPictureTest {
    private static final Path REPO = Path.of(System.getProperty("basedir", ".")).resolve("..").toAbsolutePath().normalize();
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Two scrapes: the copy half way (state running), then done (state ready: the running series gone). */
    private static JsonNode samples() throws IOException {
        String labels = "{\"connector\":\"m1\",\"task\":\"0\",\"migration\":\"m1\"";
        return JSON.readTree("{\"samples\":[" + scrape(1000, labels, "running", 50) + "," + scrape(2000, labels, "ready",
                100) + "]}");
    }

    private static String scrape(long at, String labels, String state, long copied) {
        return "{\"at\":" + at + ",\"series\":["
                + "{\"name\":\"twoway_migration_state\",\"labels\":" + labels + ",\"state\":\"" + state + "\"},\"value\":1},"
                + "{\"name\":\"twoway_migration_rows_copied\",\"labels\":" + labels + "},\"value\":" + copied + "},"
                + "{\"name\":\"twoway_migration_rows_to_copy\",\"labels\":" + labels + "},\"value\":200},"
                + "{\"name\":\"twoway_migration_sink_lag_ms\",\"labels\":" + labels + "},\"value\":\"NaN\"}]}";
    }

    private static JsonNode target(String expr, String legend, boolean instant) {
        return JSON.createObjectNode().put("expr", expr).put("legendFormat", legend).put("instant", instant);
    }

    @Test
    void aRatioIsTakenScrapeByScrapeOnIdenticalLabels() throws IOException {
        List<PanelSeries.Line> progress = new PanelSeries(samples()).evaluate(target(
                "100 * twoway_migration_rows_copied{migration=~\"$migration\"} / "
                        + "twoway_migration_rows_to_copy{migration=~\"$migration\"}", "{{migration}}", false));
        assertEquals(1, progress.size());
        assertEquals("m1", progress.get(0).legend());
        assertEquals(List.of(25.0, 50.0), progress.get(0).points().stream().map(PanelSeries.Point::value).toList());
    }

    @Test
    void anInstantQueryHasOnlyTheSeriesOfTheLastScrape() throws IOException {
        JsonNode state = target("twoway_migration_state{migration=~\"$migration\"}", "{{migration}}: {{state}}", true);
        List<PanelSeries.Line> now = new PanelSeries(samples()).evaluate(state);
        assertEquals(List.of("m1: ready"), now.stream().map(PanelSeries.Line::legend).toList());
    }

    @Test
    void aQueryItCannotEvaluateIsRefused() throws IOException {
        assertThrows(IllegalArgumentException.class, () -> new PanelSeries(samples()).evaluate(
                target("sum by (migration) (rate(twoway_migration_rows_copied[1m]))", "", false)));
    }

    @Test
    void everyPanelOfTheDashboardIsDrawn() throws IOException {
        JsonNode dashboard = JSON.readTree(REPO.resolve("config/monitoring/twoway-dashboard.json").toFile());
        String svg = DashboardPicture.draw(dashboard, new PanelSeries(samples()));
        dashboard.path("panels").forEach(p -> assertTrue(svg.contains(">" + DashboardPicture.escape(
                p.path("title").asText()) + "<") || svg.contains("▾ " + p.path("title").asText()), p.path("title").asText()));
        assertTrue(svg.contains(">m1: ready<"), "the state panel shows the state now");
        assertFalse(svg.contains("m1: running"), "not an earlier state");
        assertTrue(svg.contains(">50%<"), "the copy's progress at the last scrape");
    }
}
