package dev.twoway.bench;

import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;

/** The write-rate ladder as markdown: one row per rate, the goal's verdict, the machine. */
final class LadderReport {
    /** The goal of issue 15: lag p99 at most 1 s at 5,000 writes/s, the cut-over through on its first attempt. */
    static final int GOAL_RATE = 5_000;
    static final double GOAL_LAG_P99_MS = 1_000;

    private final int rows;
    private final int connections;
    private final int statementsPerTx;
    private final Duration hold;
    private final List<String> machine;
    private final List<LadderStep> steps;

    LadderReport(int rows, int connections, int statementsPerTx, Duration hold, List<String> machine,
                 List<LadderStep> steps) {
        this.rows = rows;
        this.connections = connections;
        this.statementsPerTx = statementsPerTx;
        this.hold = hold;
        this.machine = machine;
        this.steps = steps;
    }

    String markdown() {
        StringBuilder md = new StringBuilder("# twoway bench: the write-rate ceiling\n\n");
        md.append(String.format("%s: `ALTER TABLE … %s` on a fresh table of %,d rows per rate, the target rate split "
                + "over %d writer connections (mixed INSERT/UPDATE/DELETE, %s); each rate once, after one untimed.%n%n",
                LocalDateTime.now().withNano(0), Tool.DDL, rows, connections, statementsPerTx == 1 ? "each autocommitted"
                        : statementsPerTx + " statements per transaction"));
        md.append("| target writes/s | achieved, no migration (tx/s) | achieved, migrating (tx/s) | writer p99 ms "
                + "| copy rows/s | lag p50 ms | lag p99 ms | lag_ms p99 (markers) | total s | cut-over s "
                + "| locked cut-over attempts | first attempt |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (LadderStep s : steps) {
            md.append(String.format("| %,d | %,.0f (%,.0f) | %,.0f (%,.0f) | %.0f | %,.0f | %.0f | %.0f | %.0f | %.1f | %.2f "
                    + "| %d | %s |%n", s.rate, s.ceiling, s.ceilingTx, s.achieved, s.achievedTx, s.writerP99Ms,
                    s.copyRowsPerS, s.lagP50Ms, s.lagP99Ms,
                    s.markerLagP99Ms, s.totalS(), s.cutoverS, s.lockedAttempts, s.firstAttempt() ? "yes" : "no"));
        }
        md.append("\n").append(verdict()).append("\n\n");
        md.append(String.format("How each figure is measured: *achieved* counts statements/s (committed "
                + "transactions/s in brackets; a transaction that lost a deadlock is rolled back and not counted; "
                + "*writer p99* is a transaction's latency). *Achieved, no migration* is the writers' statements/s over "
                + "10 s before the migration starts (the pipeline deployed, no shadow to apply to): the server's own "
                + "ceiling on this machine. *Achieved, migrating* and *writer p99* cover the request to `complete`. "
                + "*Lag* is a probe row's update, committed every 200 ms, until the shadow shows it (polled every ms), "
                + "over %d s at `ready` with the writers running; *lag_ms* is the coordinator's sync markers' over the "
                + "same time. With a few dozen probes, p99 is close to the maximum. *Copy rows/s*: the rows over "
                + "`running` to `ready`. *Total*: the request to `ready` plus the `PUT` of `complete` to `complete` "
                + "(the probe's hold left out). *Locked cut-over attempts*: the migration's `cutover` markers in "
                + "`_twoway.markers`, one per attempt that got the lock.%n%n", hold.toSeconds()));
        machine.forEach(line -> md.append("- ").append(line).append("\n"));
        return md.toString();
    }

    private String verdict() {
        return steps.stream().filter(s -> s.rate == GOAL_RATE).findFirst().map(s -> {
            boolean reached = s.achieved >= 0.9 * GOAL_RATE;
            boolean met = reached && s.lagP99Ms <= GOAL_LAG_P99_MS && s.firstAttempt();
            String word = met ? "met" : reached ? "missed" : "not tested at its rate (the writers fell short)";
            return String.format("Goal (lag p99 ≤ 1 s at %,d writes/s, the cut-over through on its first attempt): "
                    + "**%s** (lag p99 %.0f ms, %d locked attempt(s), %,.0f writes/s achieved of %,d).",
                    GOAL_RATE, word, s.lagP99Ms, s.lockedAttempts, s.achieved, GOAL_RATE);
        }).orElse(String.format("Goal (lag p99 ≤ 1 s at %,d writes/s): not measured (no such rate in this run).",
                GOAL_RATE));
    }
}
