package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.twoway.core.Sql;
import dev.twoway.core.jdbc.GrantSet;
import dev.twoway.core.topic.Subscription;

/**
 * Reads and writes {@code sinks}: every sink connector's subscription, MySQL user and grants, and
 * when one of its tasks last said it runs. The coordinator asks it whether a live sink takes a
 * table's topic and may write the table's database; the sink writes its row. Never commits.
 */
public final class SinkRegistry {
    /** A sink whose tasks said nothing for this long is not running (they say so every few seconds). */
    public static final long LIVE_MS = 15_000;

    private final String table;
    private final String progress;

    public SinkRegistry(String database) {
        this.table = Sql.qualified(database, "sinks");
        this.progress = Sql.qualified(database, "sink_progress");
    }

    /** A registered sink: what it subscribes to and may write, how long since it was heard of. */
    public record Sink(String connector, Subscription subscription, String user, GrantSet grants, long silentMs,
                       boolean stopped, Set<String> prefixes) {
        /** A task of it said it runs within {@link #LIVE_MS}, and none said since that it stopped. */
        public boolean live() {
            return !stopped && silentMs <= LIVE_MS;
        }
    }

    /** The sink's row, fresh: its subscription, user and grants now, heard of now. */
    public void register(Connection c, String connector, String topics, String topicsRegex, String user,
                         List<String> grants) throws SQLException {
        String sql = "INSERT INTO " + table + " (connector, topics, topics_regex, db_user, grants, started_at, "
                + "heartbeat_at) VALUES (?, ?, ?, ?, ?, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3)) AS n "
                + "ON DUPLICATE KEY UPDATE topics = n.topics, topics_regex = n.topics_regex, db_user = n.db_user, "
                + "grants = n.grants, started_at = n.started_at, heartbeat_at = n.heartbeat_at, stopped_at = NULL";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, connector);
            s.setString(2, topics);
            s.setString(3, topicsRegex);
            s.setString(4, user);
            s.setString(5, String.join("\n", grants));
            s.executeUpdate();
        }
    }

    /** A task of the sink runs; its grants as they are now. */
    public void heartbeat(Connection c, String connector, List<String> grants) throws SQLException {
        String sql = "UPDATE " + table + " SET heartbeat_at = CURRENT_TIMESTAMP(3), stopped_at = NULL, grants = ? "
                + "WHERE connector = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, String.join("\n", grants));
            s.setString(2, connector);
            s.executeUpdate();
        }
    }

    /**
     * A task of the sink stopped (deleted, restarted, rebalanced or failed: it cannot tell): not
     * running until one of its tasks says so again, which a running one does within a heartbeat.
     */
    public void stopped(Connection c, String connector) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET stopped_at = CURRENT_TIMESTAMP(3) "
                + "WHERE connector = ?")) {
            s.setString(1, connector);
            s.executeUpdate();
        }
    }

    /**
     * Every registered sink; a live one with the table-topic prefixes of what it has consumed, the
     * others without (only a live sink's prefixes decide whether a table's topic is taken). Two
     * statements however many sinks a shared sidecar has heard of: one per stopped sink's
     * progress cost every validate() about 80 ms with 255 rows of earlier runs.
     */
    public List<Sink> sinks(Connection c) throws SQLException {
        List<Sink> sinks = new ArrayList<>();
        String sql = "SELECT connector, topics, topics_regex, db_user, grants, TIMESTAMPDIFF(MICROSECOND, heartbeat_at, "
                + "CURRENT_TIMESTAMP(3)) DIV 1000, stopped_at IS NOT NULL FROM " + table + " ORDER BY connector";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String grants = rs.getString(5);
                sinks.add(new Sink(rs.getString(1), Subscription.of(rs.getString(2), rs.getString(3)), rs.getString(4),
                        GrantSet.of(grants == null ? List.of() : Arrays.asList(grants.split("\n"))), rs.getLong(6),
                        rs.getBoolean(7), Set.of()));
            }
        }
        Map<String, Set<String>> prefixes = prefixes(c, sinks.stream().filter(Sink::live).map(Sink::connector).toList());
        List<Sink> withPrefixes = new ArrayList<>();
        for (Sink sink : sinks) {
            withPrefixes.add(new Sink(sink.connector(), sink.subscription(), sink.user(), sink.grants(), sink.silentMs(),
                    sink.stopped(), prefixes.getOrDefault(sink.connector(), Set.of())));
        }
        return withPrefixes;
    }

    /** The table-topic prefixes each of {@code connectors} has consumed, in one statement (none for no connector). */
    private Map<String, Set<String>> prefixes(Connection c, List<String> connectors) throws SQLException {
        Map<String, Set<String>> prefixes = new HashMap<>();
        if (connectors.isEmpty()) {
            return prefixes;
        }
        String sql = "SELECT DISTINCT connector, topic FROM " + progress + " WHERE connector IN ("
                + String.join(", ", Collections.nCopies(connectors.size(), "?")) + ")";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < connectors.size(); i++) {
                s.setString(i + 1, connectors.get(i));
            }
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String prefix = Subscription.prefixOf(rs.getString(2));
                    if (prefix != null) {
                        prefixes.computeIfAbsent(rs.getString(1), k -> new LinkedHashSet<>()).add(prefix);
                    }
                }
            }
        }
        return prefixes;
    }
}
