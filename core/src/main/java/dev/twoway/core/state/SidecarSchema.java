package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import dev.twoway.core.Sql;

/**
 * Creates the sidecar database and its tables when missing (docs/ARCHITECTURE.md gives
 * their meaning). Every connector calls it on start; it is idempotent.
 */
public final class SidecarSchema {
    public static final String DEFAULT_DATABASE = "_twoway";

    private SidecarSchema() {
    }

    public static void ensure(Connection connection, String database) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("CREATE DATABASE IF NOT EXISTS " + Sql.quote(database));
            for (String ddl : tables(database)) {
                s.execute(ddl);
            }
        }
    }

    private static List<String> tables(String database) {
        return List.of(
                "CREATE TABLE IF NOT EXISTS " + Sql.qualified(database, "migrations") + " ("
                        + "migration_id VARCHAR(128) NOT NULL PRIMARY KEY, "
                        + "table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL, "
                        + "ddl TEXT NOT NULL, state VARCHAR(16) NOT NULL, stage VARCHAR(255) NOT NULL, "
                        + "shadow_table VARCHAR(64) NOT NULL, old_table VARCHAR(64) NOT NULL, column_map TEXT NOT NULL, "
                        + "rows_copied BIGINT NOT NULL DEFAULT 0, rows_total BIGINT NOT NULL DEFAULT 0, "
                        + "copy_last_key TEXT NULL, eta_seconds BIGINT NULL, lag_ms BIGINT NULL, "
                        + "freeze_gtid TEXT NULL, freeze_topic VARCHAR(249) NULL, freeze_partition INT NULL, "
                        + "freeze_offset BIGINT NULL, cutover_at DATETIME(3) NULL, revertible TINYINT NOT NULL DEFAULT 1, "
                        + "revertible_until DATETIME(3) NULL, retired_table VARCHAR(64) NULL, message TEXT NULL, "
                        + "created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), "
                        + "updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), "
                        + "KEY by_table (table_schema, table_name))",
                "CREATE TABLE IF NOT EXISTS " + Sql.qualified(database, "markers") + " ("
                        + "marker_id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, migration_id VARCHAR(128) NOT NULL, "
                        + "kind VARCHAR(16) NOT NULL, table_schema VARCHAR(64) NOT NULL, table_name VARCHAR(64) NOT NULL, "
                        + "created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3), "
                        + "reached_topic VARCHAR(249) NULL, reached_partition INT NULL, reached_offset BIGINT NULL, "
                        + "reached_at DATETIME(3) NULL, outcome VARCHAR(16) NULL, KEY by_migration (migration_id))",
                "CREATE TABLE IF NOT EXISTS " + Sql.qualified(database, "sink_progress") + " ("
                        + "connector VARCHAR(255) NOT NULL, topic VARCHAR(249) NOT NULL, kafka_partition INT NOT NULL, "
                        + "next_offset BIGINT NOT NULL, gtid VARCHAR(255) NULL, route_migration VARCHAR(128) NULL, "
                        + "route_direction VARCHAR(8) NULL, "
                        + "updated_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), "
                        + "PRIMARY KEY (connector, topic, kafka_partition))",
                "CREATE TABLE IF NOT EXISTS " + Sql.qualified(database, "schema_history") + " ("
                        + "connector VARCHAR(255) NOT NULL, seq BIGINT NOT NULL AUTO_INCREMENT, record MEDIUMTEXT NOT NULL, "
                        + "PRIMARY KEY (seq), KEY by_connector (connector, seq))");
    }
}
