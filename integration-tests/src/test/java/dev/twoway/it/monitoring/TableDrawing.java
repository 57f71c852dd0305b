package dev.twoway.it.monitoring;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A table panel with the dashboard's "merge" and "organize" transformations: the targets' series
 * merged into one row per partition (connector, task, topic, partition), the columns of
 * {@code indexByName} in its order, {@code Value #<refId>} for a target's value, renamed as
 * {@code renameByName} says. Draws only.
 */
final class TableDrawing {
    private static final List<String> ROW_KEY = List.of("connector", "task", "topic", "partition");
    private static final int ROW = 24;

    private final StringBuilder svg;

    TableDrawing(StringBuilder svg) {
        this.svg = svg;
    }

    void draw(DashboardPicture.Box box, JsonNode panel, List<List<PanelSeries.Line>> targets) {
        JsonNode organize = panel.path("transformations").path(1).path("options");
        Map<Integer, String> byIndex = new TreeMap<>();
        organize.path("indexByName").fields().forEachRemaining(e -> byIndex.put(e.getValue().asInt(), e.getKey()));
        List<String> columns = new ArrayList<>(byIndex.values());
        Map<List<String>, Map<String, String>> rows = merge(panel, targets);
        double each = box.w() / columns.size();
        for (int c = 0; c < columns.size(); c++) {
            String name = organize.path("renameByName").path(columns.get(c)).asText(columns.get(c));
            svg.append(DashboardPicture.text(box.x() + c * each, box.y() + 14, "start", 12, DashboardPicture.MUTED,
                    name, " font-weight=\"bold\""));
        }
        int r = 1;
        for (Map<String, String> row : rows.values()) {
            for (int c = 0; c < columns.size(); c++) {
                svg.append(DashboardPicture.text(box.x() + c * each, box.y() + 14 + r * ROW, "start", 12,
                        DashboardPicture.TEXT, row.getOrDefault(columns.get(c), ""), ""));
            }
            r++;
        }
    }

    /** One row per partition: its labels and, as {@code Value #<refId>}, each target's last value. */
    private static Map<List<String>, Map<String, String>> merge(JsonNode panel, List<List<PanelSeries.Line>> targets) {
        Map<List<String>, Map<String, String>> rows = new LinkedHashMap<>();
        for (int t = 0; t < targets.size(); t++) {
            String refId = panel.path("targets").path(t).path("refId").asText();
            for (PanelSeries.Line line : targets.get(t)) {
                List<String> key = ROW_KEY.stream().map(k -> line.labels().getOrDefault(k, "")).toList();
                Map<String, String> row = rows.computeIfAbsent(key, k -> new LinkedHashMap<>());
                row.putAll(line.labels());
                row.put("Value #" + refId, PanelUnits.shortNumber(line.last()));
            }
        }
        return rows;
    }
}
