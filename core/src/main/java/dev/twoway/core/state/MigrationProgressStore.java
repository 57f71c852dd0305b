package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;

import dev.twoway.core.Sql;

/**
 * Writes the progress columns of {@code migrations} that do not change its state: column map,
 * copy progress, lag and the freeze point of a cut-over in progress. The one state change here,
 * {@link #swapped}, is guarded like every other ({@code WHERE state = ?}); the coordinator calls it
 * through its {@code Transitions}, which commits it with its audit row.
 */
public final class MigrationProgressStore {
    private final String table;
    private final MigrationStore store;

    public MigrationProgressStore(String database) {
        this.table = Sql.qualified(database, "migrations");
        this.store = new MigrationStore(database);
    }

    public void columnMap(Connection c, String migrationId, String columnMapJson) throws SQLException {
        update(c, "column_map = ?", migrationId, columnMapJson);
    }

    /** The copy's progress; call in the transaction of the chunk it describes. */
    public void copied(Connection c, String migrationId, long rowsCopied, long rowsTotal, String lastKeyJson,
                       Long etaSeconds, String stage) throws SQLException {
        String sql = "UPDATE " + table + " SET rows_copied = ?, rows_total = ?, copy_last_key = ?, eta_seconds = ?, "
                + "stage = ? WHERE migration_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, rowsCopied);
            s.setLong(2, rowsTotal);
            s.setString(3, lastKeyJson);
            setLong(s, 4, etaSeconds);
            s.setString(5, stage);
            s.setString(6, migrationId);
            s.executeUpdate();
        }
    }

    /** Records (or, with null, forgets) the shadow's secondary indexes left out during the copy, as JSON. */
    public void deferredIndexes(Connection c, String migrationId, String definitionsJson) throws SQLException {
        update(c, "deferred_indexes = ?", migrationId, definitionsJson);
    }

    /** The shadow's secondary indexes left out during the copy (JSON), or null. */
    public String deferredIndexes(Connection c, String migrationId) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT deferred_indexes FROM " + table + " WHERE migration_id = ?")) {
            s.setString(1, migrationId);
            try (java.sql.ResultSet rs = s.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Records where the migration is and why, without changing its state (e.g. a cut-over gave up). */
    public void note(Connection c, String migrationId, String stage, String message) throws SQLException {
        String sql = "UPDATE " + table + " SET stage = ?, message = ? WHERE migration_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, stage);
            s.setString(2, message);
            s.setString(3, migrationId);
            s.executeUpdate();
        }
    }

    /**
     * Puts {@code stage} and {@code message} back in place of what {@link #note} wrote, only if the
     * row still says exactly that: a later step's own stage or message is never overwritten.
     */
    public void replaceNote(Connection c, String migrationId, String writtenStage, String writtenMessage,
                            String stage, String message) throws SQLException {
        String sql = "UPDATE " + table + " SET stage = ?, message = ? WHERE migration_id = ? AND stage = ? "
                + "AND message <=> ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, stage);
            s.setString(2, message);
            s.setString(3, migrationId);
            s.setString(4, writtenStage);
            s.setString(5, writtenMessage);
            s.executeUpdate();
        }
    }

    /** Clears the message when it begins with {@code prefix} (a note about something waited for, now over). */
    public void clearNote(Connection c, String migrationId, String prefix) throws SQLException {
        String sql = "UPDATE " + table + " SET message = NULL WHERE migration_id = ? AND LEFT(message, ?) = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            s.setInt(2, prefix.length());
            s.setString(3, prefix);
            s.executeUpdate();
        }
    }

    public void rowsTotal(Connection c, String migrationId, long rowsTotal) throws SQLException {
        update(c, "rows_total = ?", migrationId, rowsTotal);
    }

    public void lag(Connection c, String migrationId, long lagMs, String stage) throws SQLException {
        String sql = "UPDATE " + table + " SET lag_ms = ?, stage = ? WHERE migration_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setLong(1, lagMs);
            s.setString(2, stage);
            s.setString(3, migrationId);
            s.executeUpdate();
        }
    }

    /**
     * Records (or, with all nulls, clears) the freeze point of the cut-over in progress, before
     * the tables are swapped, so a coordinator that dies after the swap still finds it.
     */
    public void freezePoint(Connection c, String migrationId, String gtid, String topic, Integer partition,
                            Long offset) throws SQLException {
        String sql = "UPDATE " + table + " SET freeze_gtid = ?, freeze_topic = ?, freeze_partition = ?, "
                + "freeze_offset = ? WHERE migration_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, gtid);
            s.setString(2, topic);
            if (partition == null) {
                s.setNull(3, Types.INTEGER);
            }
            else {
                s.setInt(3, partition);
            }
            setLong(s, 4, offset);
            s.setString(5, migrationId);
            s.executeUpdate();
        }
    }

    /**
     * A swap's state change ({@code from -> to}) with its time in {@code cutover_at}; the first swap
     * also sets {@code revertible_until} (a later one keeps it). False (and no change) when the row
     * is not in {@code from}. {@code message}: what the row says after it (a forced swap's kills), or null.
     */
    public boolean swapped(Connection c, String migrationId, MigrationState from, MigrationState to, Instant at,
                           String stage, Instant revertibleUntil, String message) throws SQLException {
        String sql = "UPDATE " + table + " SET state = ?, stage = ?, cutover_at = ?, "
                + "revertible_until = COALESCE(revertible_until, ?), message = ? WHERE migration_id = ? AND state = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, to.wireName());
            s.setString(2, stage);
            s.setTimestamp(3, Timestamp.from(at));
            s.setTimestamp(4, revertibleUntil == null ? null : Timestamp.from(revertibleUntil));
            s.setString(5, message);
            s.setString(6, migrationId);
            s.setString(7, from.wireName());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Makes the migration not revertible with the reason in {@code message}, guarded by its state and
     * by its being revertible still; false (no change) otherwise. The coordinator calls it through
     * its {@code Transitions}, which commits it with its audit row.
     */
    public boolean notRevertible(Connection c, String migrationId, MigrationState state, String stage, String reason)
            throws SQLException {
        String sql = "UPDATE " + table + " SET revertible = 0, stage = ?, message = ? WHERE migration_id = ? "
                + "AND state = ? AND revertible <> 0";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, stage);
            s.setString(2, reason);
            s.setString(3, migrationId);
            s.setString(4, state.wireName());
            return s.executeUpdate() == 1;
        }
    }

    /**
     * Names the table the closing window retires, once: a name recorded earlier wins, so a
     * restarted coordinator renames to the same name. Returns the recorded name.
     */
    public String retiring(Connection c, String migrationId, String holdName) throws SQLException {
        update(c, "retired_table = COALESCE(retired_table, ?)", migrationId, holdName);
        return store.find(c, migrationId).map(MigrationRow::retiredTable).orElse(holdName);
    }

    private void update(Connection c, String assignment, String migrationId, Object value) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET " + assignment
                + " WHERE migration_id = ?")) {
            s.setObject(1, value);
            s.setString(2, migrationId);
            s.executeUpdate();
        }
    }

    private static void setLong(PreparedStatement s, int index, Long value) throws SQLException {
        if (value == null) {
            s.setNull(index, Types.BIGINT);
        }
        else {
            s.setLong(index, value);
        }
    }
}
