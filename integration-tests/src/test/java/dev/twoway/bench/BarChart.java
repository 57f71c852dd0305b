package dev.twoway.bench;

import java.util.List;
import java.util.Locale;

/**
 * The chart of the results, as SVG written by hand: per tool, a bar of the median total time
 * idle and one under load, with a line from the fastest to the slowest run.
 */
final class BarChart {
    record Bar(String tool, Distribution idle, Distribution load) {
    }

    private static final int GROUP = 170;
    private static final int LEFT = 60;
    private static final int TOP = 50;
    private static final int HEIGHT = 260;
    private static final String IDLE = "#4e79a7";
    private static final String LOAD = "#f28e2b";

    private BarChart() {
    }

    static String svg(String title, String loadLabel, List<Bar> bars) {
        double top = niceCeiling(bars.stream().mapToDouble(b -> Math.max(max(b.idle()), max(b.load()))).max().orElse(1));
        int width = LEFT + GROUP * bars.size() + 20;
        StringBuilder svg = new StringBuilder();
        svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", width, TOP + HEIGHT + 60));
        svg.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"white\"/>%n", width, TOP + HEIGHT + 60));
        svg.append(text(LEFT, 20, "start", "font-size=\"14\" font-weight=\"bold\"", title));
        legend(svg, width, loadLabel);
        axis(svg, top, bars.size());
        for (int i = 0; i < bars.size(); i++) {
            Bar bar = bars.get(i);
            int x = LEFT + GROUP * i + 25;
            bar(svg, x, bar.idle(), top, IDLE);
            bar(svg, x + 60, bar.load(), top, LOAD);
            svg.append(text(x + 60, TOP + HEIGHT + 20, "middle", "", bar.tool()));
        }
        return svg.append("</svg>\n").toString();
    }

    private static void legend(StringBuilder svg, int width, String loadLabel) {
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", LEFT, IDLE));
        svg.append(text(LEFT + 16, 40, "start", "", "idle"));
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"30\" width=\"12\" height=\"12\" fill=\"%s\"/>%n", LEFT + 60, LOAD));
        svg.append(text(LEFT + 76, 40, "start", "", loadLabel));
        svg.append(text(width - 10, 40, "end", "fill=\"#555\"", "median total s; line: fastest to slowest run"));
    }

    private static void axis(StringBuilder svg, double top, int groups) {
        for (int i = 0; i <= 4; i++) {
            double value = top * i / 4;
            double y = TOP + HEIGHT - HEIGHT * i / 4.0;
            svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
                    LEFT, y, LEFT + GROUP * groups, y));
            svg.append(text(LEFT - 6, y + 4, "end", "", trim(value) + " s"));
        }
    }

    private static void bar(StringBuilder svg, int x, Distribution values, double top, String color) {
        if (values.isEmpty()) {
            svg.append(text(x + 25, TOP + HEIGHT - 4, "middle", "fill=\"#999\"", "n/a"));
            return;
        }
        double h = HEIGHT * values.median() / top;
        double y = TOP + HEIGHT - h;
        svg.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%.1f\" width=\"50\" height=\"%.1f\" fill=\"%s\"/>%n", x, y, h, color));
        double yMin = TOP + HEIGHT - HEIGHT * values.min() / top;
        double yMax = TOP + HEIGHT - HEIGHT * values.max() / top;
        svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#333\"/>%n",
                x + 25, yMin, x + 25, yMax));
        svg.append(text(x + 25, Math.min(y, yMax) - 4, "middle", "", String.format(Locale.ROOT, "%.1f", values.median())));
    }

    private static String text(double x, double y, String anchor, String attributes, String content) {
        return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" %s>%s</text>%n", x, y, anchor,
                attributes, content.replace("&", "&amp;").replace("<", "&lt;"));
    }

    private static double max(Distribution d) {
        return d.isEmpty() ? 0 : d.max();
    }

    /** 1, 2, 2.5 or 5 times a power of ten, at least {@code value}. */
    static double niceCeiling(double value) {
        double power = Math.pow(10, Math.floor(Math.log10(Math.max(value, 1e-9))));
        for (double step : new double[] {1, 2, 2.5, 5, 10}) {
            if (step * power >= value) {
                return step * power;
            }
        }
        return 10 * power;
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : String.format(Locale.ROOT, "%.1f", value);
    }
}
