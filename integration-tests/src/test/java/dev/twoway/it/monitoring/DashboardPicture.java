package dev.twoway.it.monitoring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * config/monitoring/twoway-dashboard.json drawn as SVG from the exporter's scrapes of a real run
 * (MigrationMetricsIT writes them): each panel where its gridPos puts it, with its title, its
 * queries evaluated by {@link PanelSeries} and its unit, in Grafana's dark colours. Not Grafana
 * (no Grafana can be installed here): a picture of what the dashboard shows over those samples.
 * {@code scripts/render-dashboard.sh} runs it and turns the SVG into docs/dashboard.png.
 */
public final class DashboardPicture {
    static final int WIDTH = 1600;
    static final String BACKGROUND = "#111217";
    static final String PANEL = "#181b1f";
    static final String BORDER = "#2c3235";
    static final String TEXT = "#ccccdc";
    static final String MUTED = "#8e8e9e";
    static final String[] PALETTE = {"#73BF69", "#F2CC0C", "#8AB8FF", "#FF780A", "#F2495C", "#5794F2", "#B877D9"};
    private static final int CELL = 30;
    private static final int GAP = 8;
    private static final int TITLE = 28;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final PanelSeries series;
    private final StringBuilder svg = new StringBuilder();

    private DashboardPicture(PanelSeries series) {
        this.series = series;
    }

    /** {@code dashboard.json samples.json out.svg}. */
    public static void main(String[] args) throws IOException {
        ObjectMapper json = new ObjectMapper();
        JsonNode dashboard = json.readTree(Path.of(args[0]).toFile());
        PanelSeries series = new PanelSeries(json.readTree(Path.of(args[1]).toFile()));
        Files.writeString(Path.of(args[2]), draw(dashboard, series));
    }

    /** The SVG of {@code dashboard} over {@code series}. */
    static String draw(JsonNode dashboard, PanelSeries series) {
        return new DashboardPicture(series).draw(dashboard);
    }

    private String draw(JsonNode dashboard) {
        int bottom = 0;
        for (JsonNode panel : dashboard.path("panels")) {
            JsonNode grid = panel.path("gridPos");
            bottom = Math.max(bottom, grid.path("y").asInt() + grid.path("h").asInt());
        }
        int height = 60 + bottom * (CELL + GAP);
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"Inter, Helvetica, Arial, sans-serif\" font-size=\"12\">%n", WIDTH, height));
        rect(0, 0, WIDTH, height, BACKGROUND, null);
        text(16, 32, "start", 18, TEXT, dashboard.path("title").asText() + "  ·  "
                + CLOCK.format(Instant.ofEpochMilli(series.start())) + " to "
                + CLOCK.format(Instant.ofEpochMilli(series.end())) + " UTC (a MigrationMetricsIT run)");
        for (JsonNode panel : dashboard.path("panels")) {
            panel(panel);
        }
        return svg.append("</svg>\n").toString();
    }

    private void panel(JsonNode panel) {
        JsonNode grid = panel.path("gridPos");
        double column = (WIDTH - 2.0 * GAP) / 24;
        double x = GAP + grid.path("x").asInt() * column;
        double y = 48 + grid.path("y").asInt() * (CELL + GAP);
        double w = grid.path("w").asInt() * column - GAP;
        double h = grid.path("h").asInt() * (CELL + GAP) - GAP;
        String type = panel.path("type").asText();
        if (type.equals("row")) {
            text(x + 4, y + 20, "start", 15, TEXT, "▾ " + panel.path("title").asText());
            return;
        }
        rect(x, y, w, h, PANEL, BORDER);
        text(x + 10, y + 19, "start", 13, TEXT, panel.path("title").asText());
        List<List<PanelSeries.Line>> targets = new ArrayList<>();
        panel.path("targets").forEach(t -> targets.add(series.evaluate(t)));
        Box box = new Box(x + 10, y + TITLE, w - 20, h - TITLE - 8);
        String unit = panel.path("fieldConfig").path("defaults").path("unit").asText("none");
        int decimals = panel.path("fieldConfig").path("defaults").path("decimals").asInt(0);
        switch (type) {
            case "stat" -> stat(box, panel, flatten(targets), unit, decimals);
            case "bargauge" -> bars(box, flatten(targets), unit);
            case "timeseries" -> new TimeSeriesDrawing(svg, series.start(), series.end()).draw(box, flatten(targets),
                    unit, decimals);
            case "table" -> new TableDrawing(svg).draw(box, panel, targets);
            default -> throw new IllegalArgumentException("a panel type this renderer does not draw: " + type);
        }
    }

    /** Where a panel's content goes. */
    record Box(double x, double y, double w, double h) {
    }

    private void stat(Box box, JsonNode panel, List<PanelSeries.Line> lines, String unit, int decimals) {
        if (lines.isEmpty()) {
            text(box.x() + box.w() / 2, box.y() + box.h() / 2, "middle", 20, MUTED, "No data");
            return;
        }
        String mode = panel.path("options").path("textMode").asText("auto");
        double each = box.w() / lines.size();
        double size = Math.min(40, Math.min(box.h() * 0.45, each / 7));
        for (int i = 0; i < lines.size(); i++) {
            PanelSeries.Line line = lines.get(i);
            double value = line.last();
            String shown = PanelUnits.format(value, unit, decimals);
            String color = PALETTE[0];
            JsonNode mapping = panel.path("fieldConfig").path("defaults").path("mappings").path(0).path("options")
                    .path(Double.isNaN(value) ? "NaN" : PanelUnits.shortNumber(value));
            if (!mapping.isMissingNode()) {
                shown = mapping.path("text").asText(shown);
                color = mapping.path("color").asText().equals("red") ? PALETTE[4] : PALETTE[0];
            }
            double cx = box.x() + each * i + each / 2;
            String big = mode.equals("name") ? line.legend() : shown;
            double fit = mode.equals("name") ? Math.min(size, each / Math.max(6, big.length() * 0.6)) : size;
            text(cx, box.y() + box.h() / 2 + fit / 3, "middle", fit, color, big);
            if (mode.equals("value_and_name") || (!mode.equals("name") && lines.size() > 1)) {
                text(cx, box.y() + box.h() / 2 + fit / 3 + 18, "middle", 11, MUTED, line.legend());
            }
        }
    }

    private void bars(Box box, List<PanelSeries.Line> lines, String unit) {
        double row = Math.min(34, box.h() / Math.max(1, lines.size()));
        for (int i = 0; i < lines.size(); i++) {
            PanelSeries.Line line = lines.get(i);
            double value = line.last();
            double y = box.y() + 6 + i * row;
            text(box.x(), y + 12, "start", 11, MUTED, line.legend());
            double barWidth = box.w() - 70;
            rect(box.x(), y + 17, barWidth, row - 22, "#22252b", null);
            double fill = Double.isNaN(value) ? 0 : Math.max(0, Math.min(1, value / 100)) * barWidth;
            rect(box.x(), y + 17, fill, row - 22, PALETTE[0], null);
            text(box.x() + box.w(), y + row - 8, "end", 16, PALETTE[0], PanelUnits.format(value, unit, 0));
        }
    }

    private static List<PanelSeries.Line> flatten(List<List<PanelSeries.Line>> targets) {
        List<PanelSeries.Line> out = new ArrayList<>();
        targets.forEach(out::addAll);
        return out;
    }

    private void rect(double x, double y, double w, double h, String fill, String stroke) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" rx=\"2\" "
                + "fill=\"%s\"%s/>%n", x, y, w, h, fill, stroke == null ? "" : " stroke=\"" + stroke + "\""));
    }

    private void text(double x, double y, String anchor, double size, String color, String content) {
        svg.append(text(x, y, anchor, size, color, content, ""));
    }

    static String text(double x, double y, String anchor, double size, String color, String content, String extra) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"%.1f\" "
                + "fill=\"%s\"%s>%s</text>%n", x, y, anchor, size, color, extra, escape(content));
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
