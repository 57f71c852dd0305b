package dev.twoway.it.monitoring;

import java.util.Locale;

/** A value as a Grafana panel of the dashboard shows it in its unit (the units the dashboard uses). Formats only. */
final class PanelUnits {
    private PanelUnits() {
    }

    static String format(double value, String unit, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return switch (unit) {
            case "percent" -> String.format(Locale.ROOT, "%.0f%%", value);
            case "ms" -> millis(value, decimals);
            case "s" -> value < 60 ? String.format(Locale.ROOT, "%.0f s", value) : millis(value * 1000, decimals);
            case "rowsps" -> shortNumber(value) + " rows/s";
            case "rps" -> shortNumber(value) + " rec/s";
            default -> shortNumber(value);
        };
    }

    private static String millis(double ms, int decimals) {
        if (ms < 1000) {
            return String.format(Locale.ROOT, "%.0f ms", ms);
        }
        if (ms < 60_000) {
            return String.format(Locale.ROOT, "%." + Math.max(decimals, 1) + "f s", ms / 1000);
        }
        if (ms < 3_600_000) {
            return String.format(Locale.ROOT, "%.1f min", ms / 60_000);
        }
        return String.format(Locale.ROOT, "%.1f hour", ms / 3_600_000);
    }

    static String shortNumber(double value) {
        double abs = Math.abs(value);
        if (abs >= 1_000_000) {
            return String.format(Locale.ROOT, "%.2f Mil", value / 1_000_000);
        }
        if (abs >= 1000) {
            return String.format(Locale.ROOT, "%.2f K", value / 1000);
        }
        if (value == Math.rint(value)) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.2f", value);
    }

    /** A round axis top at or above {@code max}: 1, 2 or 5 times a power of ten. */
    static double niceCeiling(double max) {
        if (!(max > 0)) {
            return 1;
        }
        double power = Math.pow(10, Math.floor(Math.log10(max)));
        for (double step : new double[] {1, 2, 5, 10}) {
            if (step * power >= max) {
                return step * power;
            }
        }
        return 10 * power;
    }
}
