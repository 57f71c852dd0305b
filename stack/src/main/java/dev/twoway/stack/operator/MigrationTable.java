package dev.twoway.stack.operator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** {@code ./twoway migrations}: one line per migration, columns as wide as their widest cell. Renders only. */
final class MigrationTable {
    private static final String[] HEADER = {"MIGRATION", "TABLE", "STATE", "PROGRESS", "LAG", "REVERTIBLE UNTIL",
        "CONNECTOR"};

    /** A migration's row (null when its coordinator has none yet) and its coordinator (null when none is deployed). */
    record Line(String migrationId, StateRow row, ConnectApi.Connector coordinator) {
    }

    private MigrationTable() {
    }

    static String render(List<Line> lines, Instant now) {
        List<String[]> cells = new ArrayList<>();
        cells.add(HEADER);
        for (Line line : lines) {
            cells.add(cells(line, now));
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : cells) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : cells) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                text.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
            }
            out.append(text.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    private static String[] cells(Line line, Instant now) {
        StateRow row = line.row();
        String connector = line.coordinator() == null ? "(not deployed)" : status(line.coordinator());
        if (row == null) {
            return new String[] {line.migrationId(), "-", "(no row yet)", "-", "-", "-", connector};
        }
        return new String[] {line.migrationId(), row.qualifiedTable(), row.state(), ProgressText.bar(row, 20),
            ProgressText.lag(row), ProgressText.revertibleUntil(row, now), connector};
    }

    /** {@code RUNNING}, or the connector's and the task's states when they differ or one is not running. */
    static String status(ConnectApi.Connector c) {
        String task = c.taskState() == null ? "no task" : c.taskState();
        return c.state().equals(task) ? task : c.state() + ", task " + task;
    }
}
