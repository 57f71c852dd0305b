package dev.twoway.source;

import java.sql.SQLException;

import io.debezium.jdbc.JdbcConnection;

/**
 * Reads {@link BinlogSettings} from a server. Uses Debezium's own connection so the check sees
 * the server exactly as the connector will (same host, credentials, TLS settings).
 */
final class BinlogSettingsReader {
    private static final String QUERY =
            "SELECT @@GLOBAL.gtid_mode, @@GLOBAL.binlog_format, @@GLOBAL.binlog_row_image";

    private BinlogSettingsReader() {
    }

    static BinlogSettings read(JdbcConnection connection) throws SQLException {
        return connection.queryAndMap(QUERY, rs -> {
            if (!rs.next()) {
                throw new SQLException("'" + QUERY + "' returned no row");
            }
            return new BinlogSettings(rs.getString(1), rs.getString(2), rs.getString(3));
        });
    }
}
