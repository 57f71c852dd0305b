package dev.twoway.coordinator.sidecar;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.Sql;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.SinkRegistry;
import dev.twoway.core.topic.Subscription;

/**
 * Whether a live sink takes a table's topic and may write its database, from the sinks' rows in
 * {@code sinks} (each sink task registers and beats every few seconds). The topic is the
 * source's {@code <topic.prefix>.<db>.<table>}; the prefix is inferred from what each sink has
 * consumed and from its own subscription (see {@link Subscription}). Only reads; decides.
 */
public final class SinkCoverage {
    /** Privileges a sink needs on the migrated table's database (the README's grants). */
    public static final List<String> SINK_PRIVILEGES = List.of("SELECT", "INSERT", "UPDATE", "DELETE");
    public static final String NO_SINK = "no running twoway sink is subscribed to the topic of ";

    private SinkCoverage() {
    }

    /** What the sinks say of the table. */
    public record Verdict(boolean anyLive, List<String> problems) {
        /** Refused at validate: live sinks, none of them fit to apply the table. */
        public boolean refuses() {
            return anyLive && !problems.isEmpty();
        }

        public String message() {
            return String.join("; ", problems);
        }
    }

    public static Verdict of(Connection c, String sidecar, String database, String table) throws SQLException {
        if (!new TableInspector(c).exists(sidecar, "sinks")) {
            return new Verdict(false, List.of(noSink(database, table, List.of())));
        }
        List<SinkRegistry.Sink> sinks = new SinkRegistry(sidecar).sinks(c);
        List<SinkRegistry.Sink> live = sinks.stream().filter(SinkRegistry.Sink::live).toList();
        List<String> problems = new ArrayList<>();
        boolean covered = false;
        for (SinkRegistry.Sink sink : live) {
            String topic = sink.subscription().coveredTopic(database, table, sink.prefixes());
            if (topic == null) {
                continue;
            }
            covered = true;
            List<String> missing = sink.grants().missingOn(database, SINK_PRIVILEGES);
            if (!missing.isEmpty()) {
                problems.add("sink '" + sink.connector() + "', subscribed to " + topic + ", runs as MySQL user "
                        + sink.user() + ", which lacks " + String.join(", ", missing) + " on " + Sql.quote(database)
                        + ": it could not write the shadow table; GRANT SELECT, INSERT, UPDATE, DELETE ON "
                        + Sql.quote(database.replace("_", "\\_")) + ".* to it (see the README's grants)");
            }
        }
        if (!covered) {
            problems.add(noSink(database, table, sinks));
        }
        return new Verdict(!live.isEmpty(), List.copyOf(problems));
    }

    /** Registered sinks named in a message at the most: a shared sidecar may know hundreds (a state row's message is a TEXT). */
    static final int NAMED_SINKS = 10;

    static String noSink(String database, String table, List<SinkRegistry.Sink> sinks) {
        List<String> known = new ArrayList<>();
        for (SinkRegistry.Sink sink : sinks.stream().sorted(java.util.Comparator.comparing(SinkRegistry.Sink::silentMs))
                .limit(NAMED_SINKS).toList()) {
            known.add("'" + sink.connector() + "' (" + sink.subscription().describe() + (sink.live() ? ", running"
                    : sink.stopped() ? ", stopped" : ", not heard of for " + sink.silentMs() / 1000 + " s") + ")");
        }
        return NO_SINK + database + "." + table + " (<topic.prefix>" + Subscription.suffix(database, table)
                + "), so nothing would apply its changes to the shadow table: "
                + (known.isEmpty() ? "no sink has registered in the sidecar" : "sinks registered: "
                + String.join(", ", known) + (sinks.size() > NAMED_SINKS ? " and " + (sinks.size() - NAMED_SINKS)
                + " more heard of longer ago" : "")) + ". Deploy a sink whose topics or topics.regex take it first";
    }

    /**
     * For the state row of a migration waiting for its start marker: that no running sink takes the
     * table's topic, if so. (A sink that takes it but lacks a grant says so itself, at the marker.)
     */
    public static Optional<String> waiting(Connection c, String sidecar, String database, String table) throws SQLException {
        return of(c, sidecar, database, table).problems().stream().filter(p -> p.startsWith(NO_SINK)).findFirst();
    }
}
