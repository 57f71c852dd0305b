package dev.twoway.it.monitoring;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;

/** A timeseries panel: its series as lines over the run, a y axis in the panel's unit, a legend. Draws only. */
final class TimeSeriesDrawing {
    private static final int AXIS = 70;
    private static final int LEGEND = 20;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private final StringBuilder svg;
    private final long start;
    private final long end;

    TimeSeriesDrawing(StringBuilder svg, long start, long end) {
        this.svg = svg;
        this.start = start;
        this.end = Math.max(end, start + 1);
    }

    void draw(DashboardPicture.Box box, List<PanelSeries.Line> lines, String unit, int decimals) {
        double top = PanelUnits.niceCeiling(lines.stream().flatMap(l -> l.points().stream())
                .mapToDouble(PanelSeries.Point::value).filter(v -> !Double.isNaN(v)).max().orElse(1));
        double left = box.x() + AXIS;
        double width = box.w() - AXIS;
        double height = box.h() - LEGEND - 16;
        for (int i = 0; i <= 4; i++) {
            double y = box.y() + height - height * i / 4;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" "
                    + "stroke=\"#2c3235\"/>%n", left, y, left + width, y));
            svg.append(DashboardPicture.text(left - 6, y + 4, "end", 10, DashboardPicture.MUTED,
                    PanelUnits.format(top * i / 4, unit, decimals), ""));
        }
        for (int i = 0; i <= 4; i++) {
            long at = start + (end - start) * i / 4;
            String anchor = i == 0 ? "start" : i == 4 ? "end" : "middle";
            svg.append(DashboardPicture.text(left + width * i / 4, box.y() + height + 14, anchor, 10,
                    DashboardPicture.MUTED, CLOCK.format(Instant.ofEpochMilli(at)), ""));
        }
        double legendX = box.x();
        for (int i = 0; i < lines.size(); i++) {
            String color = DashboardPicture.PALETTE[i % DashboardPicture.PALETTE.length];
            line(lines.get(i), color, left, box.y(), width, height, top);
            svg.append(String.format(Locale.ROOT, "<rect x=\"%.1f\" y=\"%.1f\" width=\"14\" height=\"4\" fill=\"%s\"/>%n",
                    legendX, box.y() + box.h() - 8, color));
            svg.append(DashboardPicture.text(legendX + 18, box.y() + box.h() - 3, "start", 11, DashboardPicture.TEXT,
                    lines.get(i).legend(), ""));
            legendX += 30 + lines.get(i).legend().length() * 6.5;
        }
    }

    /** A polyline per stretch of known values: NaN (unknown) breaks it, as spanNulls would not bridge. */
    private void line(PanelSeries.Line line, String color, double left, double top, double width, double height,
                      double max) {
        StringBuilder points = new StringBuilder();
        for (PanelSeries.Point p : line.points()) {
            if (Double.isNaN(p.value())) {
                flush(points, color);
                continue;
            }
            double x = left + width * (p.at() - start) / (double) (end - start);
            double y = top + height - height * Math.min(1, p.value() / max);
            points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        flush(points, color);
    }

    private void flush(StringBuilder points, String color) {
        if (points.length() > 0) {
            svg.append(String.format(Locale.ROOT, "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" "
                    + "stroke-width=\"2\"/>%n", points.toString().trim(), color));
            points.setLength(0);
        }
    }
}
