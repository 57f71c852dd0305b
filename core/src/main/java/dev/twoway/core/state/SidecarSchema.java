package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import dev.twoway.core.Sql;

/**
 * Creates the sidecar database and its tables when missing, and adds the columns a newer
 * twoway knows to tables an older one made (docs/ARCHITECTURE.md gives their meaning). Every
 * connector calls it on start; it is idempotent.
 */
public final class SidecarSchema {
    public static final String DEFAULT_DATABASE = "_twoway";

    /** A table: its columns (name and definition, in order) and its keys. */
    private record Table(String name, List<String[]> columns, String keys) {
    }

    private static final List<Table> TABLES = List.of(
            new Table("migrations", List.of(
                    col("migration_id", "VARCHAR(128) NOT NULL"), col("table_schema", "VARCHAR(64) NOT NULL"),
                    col("table_name", "VARCHAR(64) NOT NULL"), col("ddl", "TEXT NOT NULL"),
                    col("state", "VARCHAR(16) NOT NULL"), col("stage", "VARCHAR(255) NOT NULL"),
                    col("shadow_table", "VARCHAR(64) NOT NULL"), col("old_table", "VARCHAR(64) NOT NULL"),
                    col("column_map", "TEXT NOT NULL"), col("rows_copied", "BIGINT NOT NULL DEFAULT 0"),
                    col("rows_total", "BIGINT NOT NULL DEFAULT 0"), col("copy_last_key", "TEXT NULL"),
                    col("deferred_indexes", "TEXT NULL"), col("column_types", "MEDIUMTEXT NULL"),
                    col("sink_refusal", "TEXT NULL"),
                    col("eta_seconds", "BIGINT NULL"), col("lag_ms", "BIGINT NULL"), col("freeze_gtid", "TEXT NULL"),
                    col("freeze_topic", "VARCHAR(249) NULL"), col("freeze_partition", "INT NULL"),
                    col("freeze_offset", "BIGINT NULL"), col("cutover_at", "DATETIME(3) NULL"),
                    col("revertible", "TINYINT NOT NULL DEFAULT 1"), col("revertible_until", "DATETIME(3) NULL"),
                    col("retired_table", "VARCHAR(64) NULL"), col("message", "TEXT NULL"),
                    col("created_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"),
                    col("updated_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)")),
                    "PRIMARY KEY (migration_id), KEY by_table (table_schema, table_name)"),
            new Table("markers", List.of(
                    col("marker_id", "BIGINT NOT NULL AUTO_INCREMENT"), col("migration_id", "VARCHAR(128) NOT NULL"),
                    col("kind", "VARCHAR(16) NOT NULL"), col("table_schema", "VARCHAR(64) NOT NULL"),
                    col("table_name", "VARCHAR(64) NOT NULL"),
                    col("created_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"),
                    col("reached_topic", "VARCHAR(249) NULL"), col("reached_partition", "INT NULL"),
                    col("reached_offset", "BIGINT NULL"), col("reached_at", "DATETIME(3) NULL"),
                    col("outcome", "VARCHAR(16) NULL")),
                    "PRIMARY KEY (marker_id), KEY by_migration (migration_id)"),
            new Table("copy_ranges", List.of(
                    col("migration_id", "VARCHAR(128) NOT NULL"), col("range_no", "INT NOT NULL"),
                    col("after_key", "BIGINT NOT NULL"), col("end_key", "BIGINT NOT NULL"),
                    col("last_key", "BIGINT NOT NULL"), col("rows_copied", "BIGINT NOT NULL DEFAULT 0")),
                    "PRIMARY KEY (migration_id, range_no)"),
            new Table("sink_progress", List.of(
                    col("connector", "VARCHAR(255) NOT NULL"), col("topic", "VARCHAR(249) NOT NULL"),
                    col("kafka_partition", "INT NOT NULL"), col("next_offset", "BIGINT NOT NULL"),
                    col("gtid", "VARCHAR(255) NULL"), col("route_migration", "VARCHAR(128) NULL"),
                    col("route_direction", "VARCHAR(8) NULL"),
                    col("updated_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)")),
                    "PRIMARY KEY (connector, topic, kafka_partition)"),
            new Table("audit", List.of(
                    col("seq", "BIGINT NOT NULL AUTO_INCREMENT"), col("migration_id", "VARCHAR(128) NOT NULL"),
                    col("from_state", "VARCHAR(16) NULL"), col("to_state", "VARCHAR(16) NOT NULL"),
                    col("stage", "VARCHAR(255) NULL"), col("message", "TEXT NULL"),
                    col("at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)")),
                    "PRIMARY KEY (seq), KEY by_migration (migration_id, seq)"),
            new Table("sources", List.of(
                    col("connector", "VARCHAR(255) NOT NULL"), col("topic_prefix", "VARCHAR(249) NOT NULL"),
                    col("capture", "TEXT NOT NULL"), col("state", "VARCHAR(16) NOT NULL"),
                    col("connected", "TINYINT NOT NULL DEFAULT 0"), col("last_event_at", "DATETIME(3) NULL"),
                    col("read_through", "DATETIME(3) NULL"), col("known_tables", "MEDIUMTEXT NULL"),
                    col("message", "TEXT NULL"),
                    col("started_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"),
                    col("heartbeat_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)")),
                    "PRIMARY KEY (connector)"),
            new Table("marker_errors", List.of(
                    col("marker_id", "BIGINT NOT NULL"), col("connector", "VARCHAR(255) NOT NULL"),
                    col("migration_id", "VARCHAR(128) NULL"), col("message", "TEXT NOT NULL"),
                    col("at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)")),
                    "PRIMARY KEY (marker_id, connector), KEY by_migration (migration_id)"),
            new Table("schema_history", List.of(
                    col("connector", "VARCHAR(255) NOT NULL"), col("seq", "BIGINT NOT NULL AUTO_INCREMENT"),
                    col("record", "MEDIUMTEXT NOT NULL")),
                    "PRIMARY KEY (seq), KEY by_connector (connector, seq)"));

    private static final int LOCK_WAIT_SECONDS = 10;

    private SidecarSchema() {
    }

    /** The names of the sidecar's tables, in the order they are created. */
    public static List<String> tableNames() {
        return TABLES.stream().map(Table::name).toList();
    }

    private static String[] col(String name, String definition) {
        return new String[] {name, definition};
    }

    /**
     * Creates or completes what is missing, and nothing else: even {@code CREATE … IF NOT EXISTS}
     * of something that exists asks for an exclusive metadata lock, which queues behind any open
     * transaction that read the sidecar (a source snapshot does) and then holds up every later
     * statement on it, the snapshot's own schema history writes included. So it looks first, and
     * bounds its lock waits, so a rare first-start race is an error to retry rather than a hang.
     */
    public static void ensure(Connection connection, String database) throws SQLException {
        if (complete(connection, database)) {
            return;
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET SESSION lock_wait_timeout = " + LOCK_WAIT_SECONDS);
            if (!exists(connection, "SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?", database)) {
                s.execute("CREATE DATABASE IF NOT EXISTS " + Sql.quote(database));
            }
            for (Table table : TABLES) {
                if (!exists(connection, "SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?",
                        database, table.name())) {
                    s.execute(create(database, table));
                }
                for (String[] column : missingColumns(connection, database, table)) {
                    s.execute("ALTER TABLE " + Sql.qualified(database, table.name()) + " ADD COLUMN "
                            + Sql.quote(column[0]) + " " + column[1]);
                }
            }
            s.execute("SET SESSION lock_wait_timeout = DEFAULT");
        }
    }

    /** Every table with every column already there: the common case, answered by reads alone. */
    private static boolean complete(Connection c, String database) throws SQLException {
        for (Table table : TABLES) {
            if (!missingColumns(c, database, table).isEmpty()) {
                return false;
            }
        }
        return true;
    }

    private static boolean exists(Connection c, String sql, String... params) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                s.setString(i + 1, params[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static String create(String database, Table table) {
        StringBuilder ddl = new StringBuilder("CREATE TABLE IF NOT EXISTS ")
                .append(Sql.qualified(database, table.name())).append(" (");
        for (String[] column : table.columns()) {
            ddl.append(Sql.quote(column[0])).append(' ').append(column[1]).append(", ");
        }
        return ddl.append(table.keys()).append(')').toString();
    }

    private static List<String[]> missingColumns(Connection c, String database, Table table) throws SQLException {
        Set<String> present = new HashSet<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            s.setString(1, database);
            s.setString(2, table.name());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    present.add(rs.getString(1).toLowerCase(Locale.ROOT));
                }
            }
        }
        return table.columns().stream().filter(column -> !present.contains(column[0])).toList();
    }
}
