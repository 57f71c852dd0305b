package dev.twoway.stack.operator;

import java.io.IOException;
import java.io.PrintStream;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Follows one migration until an {@link Outcome} says it came to an end, or the time is up: reads
 * its row twice a second and shows it (redrawn in place on a terminal, else a line per change,
 * at most one a second while only the copy's numbers move), and the coordinator's task, which
 * never recovers by itself once FAILED.
 */
final class Follower {
    private static final long READ_EVERY_MS = 500;
    private static final long STATUS_EVERY_MS = 2000;
    private static final long PLAIN_EVERY_MS = 1000;

    private final StateRows rows;
    private final ConnectApi api;
    private final ConnectApi.Connector coordinator;
    private final PrintStream out;
    private final boolean tty;
    private String shownState;
    private String shownKey;
    private String shownMessage;
    private long shownAt;
    private int shownWidth;

    Follower(StateRows rows, ConnectApi api, ConnectApi.Connector coordinator, PrintStream out, boolean tty) {
        this.rows = rows;
        this.api = api;
        this.coordinator = coordinator;
        this.out = out;
        this.tty = tty;
    }

    /** Until the outcome is known or {@code timeout} passed; the last verdict (failed on a timeout). */
    Outcome.Verdict follow(String migrationId, Outcome outcome, Duration timeout)
            throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        long lastStatus = 0;
        while (true) {
            Optional<StateRow> row = rows.one(migrationId);
            Outcome.Verdict verdict = outcome.judge(row);
            row.ifPresent(r -> show(r, verdict.done()));
            if (verdict.done()) {
                endLine();
                return verdict;
            }
            if (coordinator != null && System.nanoTime() - lastStatus > STATUS_EVERY_MS * 1_000_000L) {
                lastStatus = System.nanoTime();
                Optional<String> failure = taskFailure();
                if (failure.isPresent()) {
                    endLine();
                    return Outcome.Verdict.failed(failure.get());
                }
            }
            if (System.nanoTime() > deadline) {
                endLine();
                return Outcome.Verdict.failed("not within " + timeout.toSeconds() + " s; the migration is "
                        + row.map(StateRow::state).orElse("without a row") + " (" + row.map(StateRow::stage).orElse("-") + ")");
            }
            Thread.sleep(READ_EVERY_MS);
        }
    }

    /** The first line of the coordinator's or its task's trace, once FAILED. */
    private Optional<String> taskFailure() {
        try {
            ConnectApi.Connector now = api.status(coordinator.name(), coordinator.config());
            if ("FAILED".equals(now.state()) || "FAILED".equals(now.taskState())) {
                String trace = now.taskTrace() == null ? "(no trace)" : now.taskTrace();
                return Optional.of("the coordinator " + coordinator.name() + " failed: "
                        + trace.lines().findFirst().orElse(trace));
            }
        }
        catch (IOException | ConnectApi.Refused e) {
            // a status not there for a moment (the task restarting after a PUT): read again later
        }
        return Optional.empty();
    }

    /** Shows the reading: in place on a terminal; else a line when it changed (the copy's numbers: once a second). */
    private void show(StateRow row, boolean last) {
        String line = ProgressText.line(row, Instant.now());
        String key = row.state() + "|" + row.stage() + "|" + row.lagMs();
        if (tty) {
            out.print("\r" + line + " ".repeat(Math.max(0, shownWidth - line.length())));
            shownWidth = line.length();
        }
        else if (!key.equals(shownKey)) {
            long now = System.currentTimeMillis();
            if (last || !row.state().equals(shownState) || now - shownAt >= PLAIN_EVERY_MS) {
                out.println(line);
                shownAt = now;
                shownKey = key;
            }
        }
        if (row.message() != null && !row.message().isBlank() && !Objects.equals(row.message(), shownMessage)) {
            endLine();
            out.println("  message: " + row.message().replace("\n", "\n           "));
        }
        shownState = row.state();
        shownMessage = row.message();
        out.flush();
    }

    private void endLine() {
        if (tty && shownWidth > 0) {
            out.println();
            shownWidth = 0;
        }
    }
}
