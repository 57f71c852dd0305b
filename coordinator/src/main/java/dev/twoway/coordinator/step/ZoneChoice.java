package dev.twoway.coordinator.step;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnPair;
import dev.twoway.core.projection.ZoneDependence;
import dev.twoway.core.schema.ColumnType;
import dev.twoway.core.schema.TableSchema;

/**
 * The time zone a migration's copy, conversions and checksum run in, and whether it is refused:
 * reads what {@link ZoneDependence} decides with (the tables' computed expressions, whether the
 * server's zone has daylight saving time).
 */
final class ZoneChoice {
    /** Whether the migration runs in the server's zone, and why it cannot run at all. */
    record Choice(boolean serverZone, Optional<String> refusal) {
    }

    private ZoneChoice() {
    }

    static Choice of(Connection c, TableSchema oldTable, TableSchema newTable, ColumnMap map,
                     Map<String, ColumnType> oldTypes, Map<String, ColumnType> newTypes) throws SQLException {
        List<String> reasons = ZoneDependence.reasons(oldTable, newTable, map, oldTypes, newTypes,
                expressions(c, oldTable), expressions(c, newTable));
        if (reasons.isEmpty()) {
            return new Choice(false, Optional.empty());
        }
        List<String> timestampKey = map.key().stream().map(ColumnPair::oldName)
                .filter(k -> oldTypes.containsKey(k) && ZoneDependence.timestamp(oldTypes.get(k))).toList();
        Optional<String> zone = timestampKey.isEmpty() ? Optional.empty() : daylightSavingZone(c);
        return new Choice(true, ZoneDependence.refusal(reasons, timestampKey, zone));
    }

    /** Whether the table has a generated column, a CHECK constraint or an index on an expression. */
    private static boolean expressions(Connection c, TableSchema table) throws SQLException {
        String sql = "SELECT (SELECT COUNT(*) FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "AND GENERATION_EXPRESSION <> '') + (SELECT COUNT(*) FROM information_schema.TABLE_CONSTRAINTS "
                + "WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND CONSTRAINT_TYPE = 'CHECK') + (SELECT COUNT(*) FROM "
                + "information_schema.STATISTICS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? AND EXPRESSION IS NOT NULL)";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < 3; i++) {
                s.setString(2 * i + 1, table.schema());
                s.setString(2 * i + 2, table.table());
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() && rs.getLong(1) > 0;
            }
        }
    }

    /**
     * The server's zone, when its offset from UTC differs between January and July this year (the
     * way daylight saving time shows, in either hemisphere); empty for UTC or a fixed offset.
     */
    static Optional<String> daylightSavingZone(Connection c) throws SQLException {
        return SessionZone.inServerZone(c, () -> {
            String sql = "SELECT IF(@@GLOBAL.time_zone = 'SYSTEM', CONCAT('SYSTEM (', @@system_time_zone, ')'), "
                    + "@@GLOBAL.time_zone), (UNIX_TIMESTAMP(CONCAT(YEAR(UTC_DATE()), '-07-01 12:00:00')) "
                    + "- UNIX_TIMESTAMP(CONCAT(YEAR(UTC_DATE()), '-01-01 12:00:00'))) <> TIMESTAMPDIFF(SECOND, "
                    + "CAST(CONCAT(YEAR(UTC_DATE()), '-01-01 12:00:00') AS DATETIME), "
                    + "CAST(CONCAT(YEAR(UTC_DATE()), '-07-01 12:00:00') AS DATETIME))";
            try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(2) ? Optional.of(rs.getString(1)) : Optional.<String>empty();
            }
        });
    }
}
