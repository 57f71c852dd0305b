package dev.twoway.stack.operator;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** How a migration's row reads on one line: a progress bar, the lag, the revert window. Renders only. */
final class ProgressText {
    static final DateTimeFormatter UNTIL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);

    private ProgressText() {
    }

    /** {@code [##########..........]  50%}. */
    static String bar(StateRow row, int width) {
        int filled = (int) Math.floor(row.fraction() * width);
        return "[" + "#".repeat(filled) + ".".repeat(width - filled) + "] " + String.format("%3d%%", row.percent());
    }

    /** The sink's lag as last measured, or {@code -}. */
    static String lag(StateRow row) {
        if (row.lagMs() == null) {
            return "-";
        }
        long ms = row.lagMs();
        return ms < 10_000 ? String.format("%,d ms", ms) : String.format("%,.1f s", ms / 1000.0);
    }

    /** Until when the migration can be reverted (or re-applied), or why not. */
    static String revertibleUntil(StateRow row, Instant now) {
        if (!row.revertible()) {
            return "not revertible";
        }
        if (row.revertibleUntil() == null) {
            return "finalized".equals(row.state()) ? "closed" : "-";
        }
        if (row.revertibleUntil().isBefore(now)) {
            return "closed";
        }
        return UNTIL.format(row.revertibleUntil());
    }

    /** One line of {@code watch}: time, state, bar, lag, stage. */
    static String line(StateRow row, Instant now) {
        return String.format("%s  %-9s %s  lag %-8s %s", CLOCK.format(now), row.state(), bar(row, 20), lag(row),
                row.stage());
    }
}
