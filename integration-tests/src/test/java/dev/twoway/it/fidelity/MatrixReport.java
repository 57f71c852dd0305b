package dev.twoway.it.fidelity;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.ClauseKind;
import dev.twoway.core.ddl.DdlException;

/**
 * The matrix as a table a note can quote: its size as counted from the cases (kinds of column in
 * their tables x kinds of ALTER clause in their statements x directions compared), a line per case
 * (outcome; per direction the rows compared, how many differ, whether the definitions agree; or
 * why it failed), and the totals.
 */
final class MatrixReport {
    private static final int REASON = 170;
    /** {@code twoway sink 'x' failed (MySQL error 1062, ...): cannot upsert into `db`.`t` (... forward for migration m): why}. */
    private static final Pattern SINK_FAILURE = Pattern.compile("twoway sink '[^']*' failed \\(([^,]*)[^)]*\\): "
            + "cannot \\w+ into (`[^`]*`\\.`[^`]*`) \\([^)]*?(forward|inverse) for migration [^)]*\\): ([^\\n]*)");

    /** One case's line: its result, or the failure (then {@code result} is null). */
    record Line(FidelityCase fidelityCase, Set<String> kinds, CaseRun.Result result, String failure, Duration took) {
    }

    private MatrixReport() {
    }

    static String render(List<Line> lines, Duration wall) {
        Set<String> kinds = new TreeSet<>();
        Set<ClauseKind> clauses = EnumSet.noneOf(ClauseKind.class);
        Set<String> directionNames = new TreeSet<>();
        long rows = 0;
        long directions = 0;
        long cells = 0;
        int passed = 0;
        StringBuilder table = new StringBuilder();
        for (Line line : lines) {
            kinds.addAll(line.kinds());
            clauses.addAll(clauseKinds(line.fidelityCase()));
            StringBuilder detail = new StringBuilder();
            if (line.result() != null) {
                passed++;
                for (CaseRun.Direction d : line.result().directions()) {
                    detail.append(d.name()).append(": ").append(d.rows()).append(" / ").append(d.differing()).append(" / ")
                            .append(d.sameDefinition() ? "same" : "DIFFERS").append("   ");
                    rows += d.rows();
                    directions++;
                    cells += (long) d.rows() * line.kinds().size();
                    directionNames.add(d.name());
                }
                if (line.result().refusal() != null) {
                    detail.append(shortened(line.result().refusal()));
                }
            }
            else {
                detail.append(shortened(cause(line.failure())));
            }
            table.append(String.format(Locale.ROOT, "%-26s %-15s %5ds  %s%n", line.fidelityCase().name(), outcome(line),
                    line.took().toSeconds(), detail));
        }
        StringBuilder out = new StringBuilder("\n==== fidelity matrix ====\n");
        out.append(String.format(Locale.ROOT, "size: %d cases over %d kinds of column x %d kinds of clause (of %d twoway "
                        + "accepts) x %d directions %s%n", lines.size(), kinds.size(), clauses.size(), ClauseKind.values().length,
                directionNames.size(), directionNames));
        out.append(String.format(Locale.ROOT, "result: %d of %d cases as expected, %d failed; %d directions compared, "
                + "%d rows, %d row x column-kind values; %s wall time%n", passed, lines.size(), lines.size() - passed,
                directions, rows, cells, minutes(wall)));
        out.append(String.format(Locale.ROOT, "%-26s %-15s %6s  %s%n", "case", "outcome", "time",
                "direction: rows compared / differing / definition"));
        out.append(table);
        Set<ClauseKind> missing = EnumSet.allOf(ClauseKind.class);
        missing.removeAll(clauses);
        out.append("kinds of clause not exercised: ").append(missing).append('\n');
        out.append("kinds of column: ").append(kinds).append('\n');
        return out.toString();
    }

    private static String outcome(Line line) {
        if (line.result() == null) {
            return "FAILED";
        }
        return line.fidelityCase().expect().name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    /** The clause kinds twoway reads in the case's statement; none when it refuses the statement. */
    static List<ClauseKind> clauseKinds(FidelityCase c) {
        try {
            return AlterStatement.parse("ALTER TABLE `matrix`.`f_" + c.name() + "` " + c.change(), null).clauses();
        }
        catch (DdlException refused) {
            return new ArrayList<>();
        }
    }

    /** A stopped sink's own error (the table, the direction, MySQL's message) instead of Connect's envelope. */
    static String cause(String failure) {
        Matcher sink = SINK_FAILURE.matcher(failure == null ? "" : failure);
        if (!sink.find()) {
            return failure;
        }
        return "sink task FAILED (" + sink.group(1) + "), " + sink.group(3) + ": " + sink.group(4)
                + " [" + sink.group(2).replaceAll(".*`\\.`", "").replace("`", "") + "]";
    }

    private static String shortened(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > REASON ? flat.substring(0, REASON) + "..." : flat;
    }

    private static String minutes(Duration wall) {
        return String.format(Locale.ROOT, "%d min %02d s", wall.toMinutes(), wall.toSecondsPart());
    }
}
