package dev.twoway.stack.demo;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The walk-through once the migration is deployed: the copy with its progress bar, the catch-up
 * with the sink's lag, the cut-over with the writer's longest stall, the writes after it
 * (Savannah, a rename), the revert, and the verification.
 */
final class WalkThrough {
    private static final Duration COPY_TIMEOUT = Duration.ofMinutes(30);
    private static final Duration SWAP_TIMEOUT = Duration.ofMinutes(3);

    private final Console console;
    private final ConnectRest rest;
    private final MigrationWatch watch;
    private final ModelWriter writer;
    private final ObjectNode migration;
    private final DemoRequest request;

    /** {@code request}: the deploy request's other members' part (null: a single statement). */
    WalkThrough(Console console, ConnectRest rest, MigrationWatch watch, ModelWriter writer, ObjectNode migration,
                DemoRequest request) {
        this.console = console;
        this.rest = rest;
        this.watch = watch;
        this.writer = writer;
        this.migration = migration;
        this.request = request;
    }

    /** Runs every step; returns the state row once reverted. */
    MigrationStatus run() throws Exception {
        copy();
        MigrationStatus complete = swap("complete", "cut-over");
        console.detail("old table parked as " + DemoTable.DATABASE + "." + complete.oldTable());
        afterCutover();
        if (request != null) {
            request.afterCutover();
        }
        String name = ConnectorPayloads.name(migration);
        ObjectNode config = ConnectorPayloads.config(migration).deepCopy();
        config.put("migration.target", "reverted");
        rest.configure(name, config);
        console.line("revert    PUT /connectors/" + name + "/config with migration.target=reverted");
        MigrationStatus reverted = swap("reverted", "revert");
        console.detail("new-schema table parked as " + DemoTable.DATABASE + "." + reverted.shadowTable());
        return reverted;
    }

    private void copy() throws Exception {
        ProgressBar bar = new ProgressBar();
        MigrationStatus last = null;
        long deadline = System.nanoTime() + COPY_TIMEOUT.toNanos();
        while (last == null || !last.copyDone()) {
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("the copy did not finish within " + COPY_TIMEOUT.toMinutes() + " min: " + last);
            }
            Optional<MigrationStatus> status = watch.read();
            if (status.isPresent() && !"queued".equals(status.get().state())) {
                last = status.get();
                console.status(bar.render(last), false);
            }
            else {
                console.status("coordinator: " + status.map(MigrationStatus::stage).orElse("validating the statement"), false);
            }
            if (last == null || !last.copyDone()) {
                Wait.pause(MigrationWatch.EVERY);
            }
        }
        console.status(bar.render(last), true);
        console.line(String.format("          copied %,d rows in %.1f s", last.rowsCopied(), bar.elapsedSeconds()));
    }

    /**
     * Waits for the swap into {@code state}, showing the sink's lag meanwhile, then reports the
     * writer's longest stall from the start of the wait to the moment the swap was seen.
     */
    private MigrationStatus swap(String state, String word) {
        long from = System.nanoTime();
        boolean[] shown = {false};
        String[] before = {null};
        // The stage the wait began with (the copy's, or the previous swap's) is old news: skip it.
        MigrationStatus done = watch.await(state, SWAP_TIMEOUT, status -> status
                .filter(s -> !s.stage().equals(before[0] == null ? (before[0] = s.stage()) : before[0]))
                .filter(s -> !state.equals(s.state()))
                .ifPresent(s -> {
                    String lag = s.lagMs() == null ? "lag -" : String.format("lag %,d ms", s.lagMs());
                    console.status(String.format("catch-up  %s  (%s)", lag, s.stage()), !shown[0]);
                    shown[0] = true;
                }));
        long to = System.nanoTime();
        String at = done.cutoverAt() == null ? "?" : done.cutoverAt().substring(done.cutoverAt().indexOf(' ') + 1);
        console.line(String.format("%-9s done at %s UTC, %.1f s after it was due; longest stall of the live writer: %.0f ms",
                word, at, (to - from) / 1e9, writer.longestStallMillis(from, to)));
        return done;
    }

    private void afterCutover() throws Exception {
        long savannah = writer.insertName("Savannah");
        console.line("after     inserted Savannah (id " + savannah + ", name only) into the new-schema table");
        List<String> columns = watch.liveColumns();
        writer.rename(DemoTable.RENAMED_ID, "Robert");
        console.detail("renamed Bob (id " + DemoTable.RENAMED_ID + ", title Manager) to Robert; live columns now: "
                + String.join(", ", columns));
    }
}
