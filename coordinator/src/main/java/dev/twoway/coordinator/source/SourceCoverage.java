package dev.twoway.coordinator.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.twoway.core.state.SourceRow;
import dev.twoway.core.state.SourceState;

/**
 * Decides from the sources' rows whether a table's changes stream ({@link Coverage}). Only decides.
 *
 * <p>A migration is refused ({@link Coverage#refusesMigration()}), so that {@code validate()}
 * answers at once and nothing is created, when sources are
 * running and none of them captures the table (their include lists leave it out), or the one that
 * captures it has no schema for it (Debezium skips its changes; see the source's
 * {@code inconsistent.schema.handling.mode}). Waiting otherwise, shown in the state row while the
 * migration waits: no source running at all is a deployment still starting (the three connectors
 * posted at once, or a coordinator alone), and a stopped or failed source may be restarted.
 */
public final class SourceCoverage {
    /** What the server tells beside the sources' rows. */
    public interface Knowledge {
        /** Whether a source knows the schema of a table: empty when it has not said. */
        Optional<Boolean> knows(String connector, String database, String table);

        /** The names of the tables of a database. */
        List<String> tables(String database);
    }

    public Coverage of(List<SourceRow> sources, Knowledge knowledge, String database, String table) {
        String name = database + "." + table;
        List<SourceRow> capturing = new ArrayList<>();
        List<SourceRow> live = new ArrayList<>();
        for (SourceRow source : sources) {
            Optional<SourceCapture> capture = capture(source);
            if (source.live()) {
                live.add(source);
            }
            if (capture.isPresent() && capture.get().captures(database, table)) {
                capturing.add(source);
            }
        }
        if (capturing.isEmpty()) {
            return live.isEmpty()
                    ? Coverage.waiting("no running source connector is registered in the sidecar's sources table, so "
                            + "nothing streams the changes of " + name + " yet; start one that captures it")
                    : Coverage.uncaptured("no running source connector captures " + name + ", so its changes would never "
                            + "reach the sink; running: " + live.stream().map(this::described).collect(Collectors.joining("; "))
                            + ". Add the table to a source's include lists, or start a source that captures it");
        }
        Optional<String> shared = sharedTopic(capturing, knowledge, database, table);
        if (shared.isPresent()) {
            return Coverage.sharedTopic(shared.get());
        }
        for (SourceRow source : capturing) {
            if (source.streams() && !knowledge.knows(source.connector(), database, table).orElse(true)) {
                return Coverage.unknownSchema("source " + source.connector() + " captures " + name + " but has no schema for it "
                        + "(its schema history never recorded the table, e.g. its database was added to the include list "
                        + "after the source first started), so it skips the table's changes; start a source under a new "
                        + "name, which reads the tables' structure afresh");
            }
            if (source.streams()) {
                return Coverage.streamed();
            }
        }
        return Coverage.waiting(capturing.stream().map(s -> notStreaming(s, name)).collect(Collectors.joining("; ")));
    }

    /** Another captured table of the database whose changes a capturing source writes to the same topic. */
    private Optional<String> sharedTopic(List<SourceRow> capturing, Knowledge knowledge, String database, String table) {
        List<String> others = null;
        for (SourceRow source : capturing) {
            SourceCapture capture = capture(source).orElseThrow();
            String topic = capture.topic(database, table);
            others = others == null ? knowledge.tables(database) : others;
            for (String other : others) {
                if (!other.equals(table) && capture.captures(database, other) && topic.equals(capture.topic(database, other))) {
                    return Optional.of("the changes of " + database + "." + table + " and " + database + "." + other
                            + " go to one topic, " + topic + " (source " + source.connector() + " names topics with "
                            + "Debezium's strategy, which replaces what tells the two names apart), so the sink would "
                            + "apply both to the shadow; rename one of them, or change the source's topic.naming.strategy");
                }
            }
        }
        return Optional.empty();
    }

    private String notStreaming(SourceRow source, String table) {
        String why = source.message() == null ? "" : ": " + source.message();
        if (source.live()) {
            return "source " + source.connector() + ", which captures " + table + ", is " + source.state().wireName()
                    + (source.connected() ? "" : ", not connected to the binlog") + why;
        }
        if (source.state() == SourceState.STARTING || source.state() == SourceState.STREAMING) {
            return "source " + source.connector() + ", which captures " + table + ", has not been heard from for "
                    + source.silentMs() / 1000 + " s (its worker stopped or lost MySQL?)";
        }
        return "source " + source.connector() + ", which captures " + table + ", is " + source.state().wireName() + why;
    }

    private String described(SourceRow source) {
        return source.connector() + " (" + capture(source).map(SourceCapture::describe).orElse("unreadable capture") + ")";
    }

    private Optional<SourceCapture> capture(SourceRow source) {
        return SourceCaptures.of(source.capture());
    }
}
