package dev.twoway.stack.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/** One reading of a migration's state row in the sidecar database. */
record MigrationStatus(String state, String stage, long rowsCopied, long rowsTotal, Long etaSeconds, Long lagMs,
                       String cutoverAt, String oldTable, String shadowTable, String message) {

    static Optional<MigrationStatus> read(Connection c, String sidecar, String migrationId) throws SQLException {
        String sql = "SELECT state, stage, rows_copied, rows_total, eta_seconds, lag_ms, cutover_at, old_table,"
                + " shadow_table, message FROM `" + sidecar + "`.`migrations` WHERE migration_id = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, migrationId);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new MigrationStatus(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getLong(4),
                        (Long) rs.getObject(5, Long.class), (Long) rs.getObject(6, Long.class), rs.getString(7),
                        rs.getString(8), rs.getString(9), rs.getString(10)));
            }
        }
        catch (SQLException e) {
            if (e.getErrorCode() == 1146 || e.getErrorCode() == 1049) { // the sidecar is not created yet
                return Optional.empty();
            }
            throw e;
        }
    }

    boolean failed() {
        return "failed".equals(state);
    }

    /** The copy is over once the migration is past {@code running} or has copied every row. */
    boolean copyDone() {
        return !"queued".equals(state) && !"running".equals(state) || rowsTotal > 0 && rowsCopied >= rowsTotal;
    }
}
