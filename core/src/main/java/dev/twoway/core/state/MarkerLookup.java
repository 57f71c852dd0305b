package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.Sql;

/** Finds a migration's markers by kind and outcome (the coordinator's questions about them). Only reads. */
public final class MarkerLookup {
    private final String table;
    private final MarkerStore markers;

    public MarkerLookup(String database) {
        this.table = Sql.qualified(database, "markers");
        this.markers = new MarkerStore(database);
    }

    /** The migration's newest marker of this kind. */
    public Optional<MarkerRow> latest(Connection c, String migrationId, MarkerKind kind) throws SQLException {
        List<Long> ids = ids(c, "migration_id = ? AND kind = ? ORDER BY marker_id DESC LIMIT 1", migrationId,
                kind.wireName());
        return ids.isEmpty() ? Optional.empty() : markers.find(c, ids.get(0));
    }

    /** The migration's newest swap marker (cutover or revert) that swapped the tables: it says which schema is live. */
    public Optional<MarkerRow> latestDoneSwap(Connection c, String migrationId) throws SQLException {
        List<Long> ids = ids(c, "migration_id = ? AND kind IN (?, ?) AND outcome = ? ORDER BY marker_id DESC LIMIT 1",
                migrationId, MarkerKind.CUTOVER.wireName(), MarkerKind.REVERT.wireName(), MarkerOutcome.DONE.wireName());
        return ids.isEmpty() ? Optional.empty() : markers.find(c, ids.get(0));
    }

    /** The migration's swap markers (cutover, revert) whose outcome is still pending, oldest first. */
    public List<MarkerRow> pendingSwaps(Connection c, String migrationId) throws SQLException {
        List<MarkerRow> rows = new ArrayList<>();
        for (long id : ids(c, "migration_id = ? AND outcome = ? ORDER BY marker_id", migrationId,
                MarkerOutcome.PENDING.wireName())) {
            markers.find(c, id).ifPresent(rows::add);
        }
        return rows;
    }

    private List<Long> ids(Connection c, String where, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT marker_id FROM " + table + " WHERE " + where)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            List<Long> ids = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                }
            }
            return ids;
        }
    }
}
