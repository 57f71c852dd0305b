package dev.twoway.it.fidelity;

import java.util.List;

/** The matrix as a table: a line per case, per direction the rows compared and how many differ. */
final class MatrixReport {
    private MatrixReport() {
    }

    static String render(List<CaseRun.Result> results) {
        StringBuilder out = new StringBuilder("\n==== fidelity matrix: ").append(results.size()).append(" cases passed ====\n");
        out.append(String.format("%-22s %-10s %s%n", "case", "outcome", "direction: rows compared / differing / definition"));
        long rows = 0;
        long directions = 0;
        for (CaseRun.Result r : results) {
            String outcome = r.refusal() != null ? r.fidelityCase().expect().name().toLowerCase() : "equal";
            StringBuilder line = new StringBuilder();
            for (CaseRun.Direction d : r.directions()) {
                line.append(d.name()).append(": ").append(d.rows()).append(" / ").append(d.differing()).append(" / ")
                        .append(d.sameDefinition() ? "same" : "DIFFERS").append("   ");
                rows += d.rows();
                directions++;
            }
            if (r.refusal() != null) {
                line.append(r.refusal().length() > 110 ? r.refusal().substring(0, 110) + "..." : r.refusal());
            }
            out.append(String.format("%-22s %-10s %s%n", r.fidelityCase().name(), outcome, line));
        }
        out.append(String.format("%d directions compared, %d rows in all%n", directions, rows));
        return out.toString();
    }
}
