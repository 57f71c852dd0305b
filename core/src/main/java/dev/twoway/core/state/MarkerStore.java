package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.Sql;

/**
 * Reads and writes {@code markers}. The coordinator inserts markers (the source carries each
 * insert into the table's topic) and settles swap outcomes; the sink marks them reached in
 * the same transaction as the rows before them.
 */
public final class MarkerStore {
    private final String table;

    public MarkerStore(String database) {
        this.table = Sql.qualified(database, "markers");
    }

    /** Inserts (and commits, on an auto-commit connection) a marker; returns its id. */
    public long insert(Connection c, String migrationId, MarkerKind kind, String schema, String tableName)
            throws SQLException {
        String sql = "INSERT INTO " + table + " (migration_id, kind, table_schema, table_name, outcome) VALUES (?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql, Statement.RETURN_GENERATED_KEYS)) {
            s.setString(1, migrationId);
            s.setString(2, kind.wireName());
            s.setString(3, schema);
            s.setString(4, tableName);
            s.setString(5, kind.holdsPartition() ? MarkerOutcome.PENDING.wireName() : null);
            s.executeUpdate();
            try (ResultSet keys = s.getGeneratedKeys()) {
                keys.next();
                return keys.getLong(1);
            }
        }
    }

    public Optional<MarkerRow> find(Connection c, long markerId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE marker_id = ?")) {
            s.setLong(1, markerId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new MarkerRow(rs.getLong("marker_id"), rs.getString("migration_id"),
                        MarkerKind.fromWireName(rs.getString("kind")), rs.getString("table_schema"),
                        rs.getString("table_name"), rs.getString("reached_topic"),
                        (Integer) rs.getObject("reached_partition", Integer.class),
                        (Long) rs.getObject("reached_offset", Long.class),
                        MarkerOutcome.fromWireName(rs.getString("outcome"))));
            }
        }
    }

    /** The sink has applied everything before this marker (call inside the sink's transaction). */
    public void markReached(Connection c, long markerId, String topic, int partition, long offset) throws SQLException {
        String sql = "UPDATE " + table + " SET reached_topic = ?, reached_partition = ?, reached_offset = ?, "
                + "reached_at = CURRENT_TIMESTAMP(3) WHERE marker_id = ? AND reached_offset IS NULL";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, topic);
            s.setInt(2, partition);
            s.setLong(3, offset);
            s.setLong(4, markerId);
            s.executeUpdate();
        }
    }

    /**
     * Forgets the migration's start, sync and stop markers (an earlier run's, when its id is used
     * again): the coordinator decides by them. Swap markers stay, settled: a sink still behind
     * them in the topic looks their outcome up. Returns how many went.
     */
    public int forgetRun(Connection c, String migrationId) throws SQLException {
        String sql = "DELETE FROM " + table + " WHERE migration_id = ? AND kind IN (?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            s.setString(2, MarkerKind.START.wireName());
            s.setString(3, MarkerKind.SYNC.wireName());
            s.setString(4, MarkerKind.STOP.wireName());
            return s.executeUpdate();
        }
    }

    /** The distinct {schema, table} pairs the migration's markers name. */
    public List<String[]> tables(Connection c, String migrationId) throws SQLException {
        String sql = "SELECT DISTINCT table_schema, table_name FROM " + table + " WHERE migration_id = ?";
        List<String[]> tables = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    tables.add(new String[] {rs.getString(1), rs.getString(2)});
                }
            }
        }
        return tables;
    }

    /** How many markers the migration has. */
    public int count(Connection c, String migrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getInt(1);
            }
        }
    }

    /** How many markers of {@code kind} the migration has. */
    public long count(Connection c, String migrationId, MarkerKind kind) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT COUNT(*) FROM " + table
                + " WHERE migration_id = ? AND kind = ?")) {
            s.setString(1, migrationId);
            s.setString(2, kind.wireName());
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    /** Settles a pending swap or checksum marker; false when it was settled already. */
    public boolean settle(Connection c, long markerId, MarkerOutcome outcome) throws SQLException {
        String sql = "UPDATE " + table + " SET outcome = ? WHERE marker_id = ? AND outcome = 'pending'";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, outcome.wireName());
            s.setLong(2, markerId);
            return s.executeUpdate() == 1;
        }
    }
}
