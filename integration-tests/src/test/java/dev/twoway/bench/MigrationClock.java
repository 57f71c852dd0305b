package dev.twoway.bench;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.stream.Collectors;
import java.util.Map;

import dev.twoway.it.support.MigrationPipeline;
import dev.twoway.it.support.TestMySql;

/**
 * Watches a migration's state row every 20 ms until it reaches a state, noting when each state
 * was first seen (epoch ms): the times are the row's, to the poll's resolution.
 */
final class MigrationClock {
    private static final long POLL_MS = 20;

    private final Map<String, Long> firstSeen = new HashMap<>();
    private final Map<String, Long> stages = new LinkedHashMap<>();
    private Map<String, String> last = Map.of();

    /** Reads a migration's row on the poller's connection. */
    interface Rows {
        Map<String, String> row(Connection c, String migration) throws SQLException;
    }

    /** Opens the poller's connection. */
    interface Opener {
        Connection open() throws SQLException;
    }

    static MigrationClock await(TestMySql mysql, String migration, String state, Duration timeout)
            throws SQLException, InterruptedException {
        return await(mysql::connect, MigrationPipeline::row, migration, state, timeout);
    }

    /**
     * Polls on one connection: a connection per poll (50 a second) took CPU from the server and
     * the JVM during twoway's runs only, as the other tools are timed by their processes.
     */
    static MigrationClock await(Opener opener, Rows rows, String migration, String state, Duration timeout)
            throws SQLException, InterruptedException {
        try (Connection c = opener.open()) {
            return poll(c, rows, migration, state, timeout);
        }
    }

    private static MigrationClock poll(Connection c, Rows rows, String migration, String state, Duration timeout)
            throws SQLException, InterruptedException {
        MigrationClock clock = new MigrationClock();
        long deadline = System.currentTimeMillis() + timeout.toMillis();
        while (!clock.firstSeen.containsKey(state)) {
            clock.observe(rows.row(c, migration));
            if ("failed".equals(clock.last.get("state"))) {
                throw new AssertionError(migration + " failed: " + clock.last.get("message"));
            }
            String message = clock.last.get("message");
            if (message != null && message.contains(" gave up after ")) { // it waits for a task restart
                throw new AssertionError(migration + " gave up: " + message);
            }
            if (System.currentTimeMillis() > deadline) {
                throw new AssertionError(migration + " not " + state + " within " + timeout + "; row: " + clock.last);
            }
            Thread.sleep(POLL_MS);
        }
        return clock;
    }

    private void observe(Map<String, String> row) {
        last = row;
        String state = row.get("state");
        long now = System.currentTimeMillis();
        if (state != null) {
            firstSeen.putIfAbsent(state, now);
        }
        String stage = row.get("stage");
        if (stage != null) {
            // Progress figures vary within one stage: "copying: 12,000 of 200,000 rows" is one stage.
            stages.putIfAbsent(stage.replaceAll("[0-9][0-9,.]*", "#"), now);
        }
    }

    /** Each stage the row showed, with when it was first seen, in ms after {@code from}. */
    String timeline(long from) {
        return stages.entrySet().stream().map(e -> "+" + (e.getValue() - from) + " ms " + e.getKey())
                .collect(Collectors.joining("; "));
    }

    /** When the first of {@code states} was first seen, or -1. */
    long firstSeen(String... states) {
        long first = Long.MAX_VALUE;
        for (String state : states) {
            first = Math.min(first, firstSeen.getOrDefault(state, Long.MAX_VALUE));
        }
        return first == Long.MAX_VALUE ? -1 : first;
    }

    Map<String, String> lastRow() {
        return last;
    }
}
