package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.Sql;

/**
 * Reads and moves rows of {@code migrations}. Every change of state is guarded by the state
 * it leaves ({@code UPDATE … WHERE state = ?}), so a retried step changes nothing twice.
 */
public final class MigrationStore {
    private final String table;

    public MigrationStore(String database) {
        this.table = Sql.qualified(database, "migrations");
    }

    public Optional<MigrationRow> find(Connection c, String migrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(row(rs)) : Optional.empty();
            }
        }
    }

    /**
     * The members of a deploy request, in the order of its statements: the rows whose {@code deploy_id}
     * it is, or, for a row an older twoway wrote (no {@code deploy_id}), the row of that id.
     */
    public List<MigrationRow> members(Connection c, String deployId) throws SQLException {
        List<MigrationRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table + " WHERE deploy_id = ? "
                + "OR (deploy_id IS NULL AND migration_id = ?) ORDER BY deploy_order, migration_id")) {
            s.setString(1, deployId);
            s.setString(2, deployId);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    rows.add(row(rs));
                }
            }
        }
        return rows;
    }

    /** Migrations of the table whose state holds it (see {@link MigrationState#holdsTable()}). */
    public List<MigrationRow> holding(Connection c, String schema, String tableName) throws SQLException {
        List<MigrationRow> rows = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement("SELECT * FROM " + table
                + " WHERE table_schema = ? AND table_name = ?")) {
            s.setString(1, schema);
            s.setString(2, tableName);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    MigrationRow row = row(rs);
                    if (row.state().holdsTable()) {
                        rows.add(row);
                    }
                }
            }
        }
        return rows;
    }

    /** Inserts a new migration; false when a row with this id exists already. */
    public boolean insert(Connection c, MigrationRow m) throws SQLException {
        String sql = "INSERT IGNORE INTO " + table + " (migration_id, table_schema, table_name, ddl, state, stage, "
                + "shadow_table, old_table, column_map, message, kind, deploy_id, deploy_order) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, m.migrationId());
            s.setString(2, m.tableSchema());
            s.setString(3, m.tableName());
            s.setString(4, m.ddl());
            s.setString(5, m.state().wireName());
            s.setString(6, m.stage());
            s.setString(7, m.shadowTable());
            s.setString(8, m.oldTable());
            s.setString(9, m.columnMap());
            s.setString(10, m.message());
            s.setString(11, m.kind().wireName());
            s.setString(12, m.deployId());
            s.setInt(13, m.deployOrder());
            return s.executeUpdate() == 1;
        }
    }

    /** Moves {@code from} to {@code to}; false (and no change) when the row is not in {@code from}. */
    public boolean transition(Connection c, String migrationId, MigrationState from, MigrationState to,
                              String stage, String message) throws SQLException {
        String sql = "UPDATE " + table + " SET state = ?, stage = ?, message = ? WHERE migration_id = ? AND state = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, to.wireName());
            s.setString(2, stage);
            s.setString(3, message);
            s.setString(4, migrationId);
            s.setString(5, from.wireName());
            return s.executeUpdate() == 1;
        }
    }

    /** Records where the migration is, in words, without changing its state. */
    public void stage(Connection c, String migrationId, String stage) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET stage = ? WHERE migration_id = ?")) {
            s.setString(1, stage);
            s.setString(2, migrationId);
            s.executeUpdate();
        }
    }

    /** The same stage for several migrations (a group's swap), in one statement. */
    public void stage(Connection c, List<String> migrationIds, String stage) throws SQLException {
        String marks = String.join(", ", java.util.Collections.nCopies(migrationIds.size(), "?"));
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET stage = ? WHERE migration_id IN ("
                + marks + ")")) {
            s.setString(1, stage);
            for (int i = 0; i < migrationIds.size(); i++) {
                s.setString(i + 2, migrationIds.get(i));
            }
            s.executeUpdate();
        }
    }

    private static MigrationRow row(ResultSet rs) throws SQLException {
        return new MigrationRow(rs.getString("migration_id"), rs.getString("table_schema"), rs.getString("table_name"),
                rs.getString("ddl"), MigrationState.fromWireName(rs.getString("state")), rs.getString("stage"),
                rs.getString("shadow_table"), rs.getString("old_table"), rs.getString("column_map"),
                rs.getLong("rows_copied"), rs.getLong("rows_total"), rs.getString("copy_last_key"),
                nullableLong(rs, "eta_seconds"), nullableLong(rs, "lag_ms"), rs.getString("freeze_gtid"),
                rs.getString("freeze_topic"), (Integer) rs.getObject("freeze_partition", Integer.class),
                nullableLong(rs, "freeze_offset"), instant(rs, "cutover_at"), rs.getString("message"),
                instant(rs, "updated_at"), rs.getInt("revertible") != 0, instant(rs, "revertible_until"),
                rs.getString("retired_table"), MemberKind.fromWireName(rs.getString("kind")), rs.getString("deploy_id"),
                rs.getInt("deploy_order"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static java.time.Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }
}
