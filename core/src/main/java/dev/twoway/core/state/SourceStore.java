package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.Sql;

/**
 * Reads and writes rows of {@code sources}: each source task registers itself when it starts
 * and writes a heartbeat every second, and the coordinator reads them to tell whether a table's
 * changes are streaming. Times come from the server's clock, so writers and readers on different
 * machines agree. The source's user needs INSERT and UPDATE on this one table.
 */
public final class SourceStore {
    private static final String COLUMNS = "connector, topic_prefix, capture, state, connected, last_event_at, message, "
            + "started_at, TIMESTAMPDIFF(MICROSECOND, heartbeat_at, CURRENT_TIMESTAMP(3)) DIV 1000 AS silent_ms";

    private final String table;

    public SourceStore(String database) {
        this.table = Sql.qualified(database, "sources");
    }

    /** The task started: the row is (re)written as starting, with what it captures. */
    public void register(Connection c, String connector, String topicPrefix, String capture) throws SQLException {
        String sql = "INSERT INTO " + table + " (connector, topic_prefix, capture, state, connected, last_event_at, "
                + "read_through, known_tables, message, started_at, heartbeat_at) VALUES (?, ?, ?, ?, 0, NULL, NULL, NULL, "
                + "NULL, CURRENT_TIMESTAMP(3), CURRENT_TIMESTAMP(3)) ON DUPLICATE KEY UPDATE topic_prefix = "
                + "VALUES(topic_prefix), capture = VALUES(capture), state = VALUES(state), connected = 0, last_event_at = NULL, "
                + "read_through = NULL, known_tables = NULL, message = NULL, started_at = VALUES(started_at), "
                + "heartbeat_at = VALUES(heartbeat_at)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, connector);
            s.setString(2, topicPrefix);
            s.setString(3, capture);
            s.setString(4, SourceState.STARTING.wireName());
            s.executeUpdate();
        }
    }

    /**
     * A heartbeat: the state, whether the binlog reader is connected, how long ago it saw its
     * last event and how far behind the server it reads (null: not known), and why it is not
     * streaming (null when it is). {@code read_through} becomes the time before which every
     * committed change has been read.
     */
    public void beat(Connection c, String connector, SourceState state, boolean connected, Long msSinceLastEvent,
                     Long msBehind, String message) throws SQLException {
        String sql = "UPDATE " + table + " SET state = ?, connected = ?, last_event_at = IF(? IS NULL, last_event_at, "
                + "CURRENT_TIMESTAMP(3) - INTERVAL ? * 1000 MICROSECOND), read_through = IF(? IS NULL, read_through, "
                + "CURRENT_TIMESTAMP(3) - INTERVAL ? * 1000 MICROSECOND), message = ?, heartbeat_at = CURRENT_TIMESTAMP(3) "
                + "WHERE connector = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, state.wireName());
            s.setBoolean(2, connected);
            setNullableLong(s, 3, msSinceLastEvent);
            setNullableLong(s, 4, msSinceLastEvent);
            setNullableLong(s, 5, msBehind);
            setNullableLong(s, 6, msBehind);
            s.setString(7, message);
            s.setString(8, connector);
            s.executeUpdate();
        }
    }

    /** The captured tables whose schema the source knows, as a JSON array of {@code db.table} names. */
    public void knownTables(Connection c, String connector, String json) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET known_tables = ? WHERE connector = ?")) {
            s.setString(1, json);
            s.setString(2, connector);
            s.executeUpdate();
        }
    }

    /** Every registered source, in name order. */
    public List<SourceRow> all(Connection c) throws SQLException {
        List<SourceRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " ORDER BY connector");
             ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.add(row(rs));
            }
        }
        return rows;
    }

    public Optional<SourceRow> find(Connection c, String connector) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT " + COLUMNS + " FROM " + table + " WHERE connector = ?")) {
            s.setString(1, connector);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /**
     * Whether the source knows the schema of {@code schema.table}: false only when it reported its
     * known tables, the table is not among them, and the table was created well before the time
     * up to which the source has read the binlog (a table created moments ago is on its way to
     * the list, not missing from it). Empty when the source has not said.
     */
    public Optional<Boolean> knows(Connection c, String connector, String schema, String tableName) throws SQLException {
        String sql = "SELECT JSON_CONTAINS(s.known_tables, JSON_QUOTE(?)) OR s.read_through IS NULL OR t.CREATE_TIME IS NULL "
                + "OR t.CREATE_TIME > s.read_through - INTERVAL 3 SECOND FROM " + table + " s LEFT JOIN "
                + "information_schema.TABLES t ON t.TABLE_SCHEMA = ? AND t.TABLE_NAME = ? "
                + "WHERE s.connector = ? AND s.known_tables IS NOT NULL";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema + "." + tableName);
            s.setString(2, schema);
            s.setString(3, tableName);
            s.setString(4, connector);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(rs.getBoolean(1)) : Optional.empty();
            }
        }
    }

    private static SourceRow row(ResultSet rs) throws SQLException {
        return new SourceRow(rs.getString("connector"), rs.getString("topic_prefix"), rs.getString("capture"),
                SourceState.fromWireName(rs.getString("state")), rs.getBoolean("connected"),
                instant(rs.getTimestamp("last_event_at")), rs.getString("message"),
                instant(rs.getTimestamp("started_at")), rs.getLong("silent_ms"));
    }

    private static java.time.Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static void setNullableLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        }
        else {
            s.setLong(index, value);
        }
    }
}
