package dev.twoway.core.state;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

import dev.twoway.core.Sql;

/**
 * Creates the sidecar database and its tables when missing, adds the columns a newer twoway
 * knows to tables an older one made, and widens those an older one made too narrow for what the
 * connectors accept ({@link SidecarLimits}; docs/ARCHITECTURE.md gives their meaning). Every
 * connector calls it on start; it is idempotent.
 */
public final class SidecarSchema {
    public static final String DEFAULT_DATABASE = "_twoway";

    /** A table: its columns (name and definition, in order) and its keys. */
    private record Table(String name, List<Column> columns, String keys) {
    }

    /**
     * A column; {@code type} and {@code collation} (lower case, as information_schema gives them;
     * null: not checked) are what a table an older twoway made is brought to at start.
     */
    private record Column(String name, String definition, String type, String collation) {
    }

    /** Compared byte by byte: Connect names, Kafka topics and migration ids are case- and accent-sensitive. */
    private static final String EXACT = "utf8mb4_0900_bin";
    private static final String ID = "VARCHAR(" + SidecarLimits.MIGRATION_ID + ")";
    private static final String CONNECTOR = "VARCHAR(" + SidecarLimits.CONNECTOR_NAME + ")";

    private static final List<Table> TABLES = List.of(
            new Table("migrations", List.of(
                    id("migration_id", ID, "NOT NULL"), col("table_schema", "VARCHAR(64) NOT NULL"),
                    col("table_name", "VARCHAR(64) NOT NULL"), wide("ddl", "NOT NULL"),
                    col("state", "VARCHAR(16) NOT NULL"), col("stage", "VARCHAR(255) NOT NULL"),
                    col("shadow_table", "VARCHAR(64) NOT NULL"), col("old_table", "VARCHAR(64) NOT NULL"),
                    wide("column_map", "NOT NULL"), col("rows_copied", "BIGINT NOT NULL DEFAULT 0"),
                    col("rows_total", "BIGINT NOT NULL DEFAULT 0"), col("copy_last_key", "TEXT NULL"),
                    wide("deferred_indexes", "NULL"), col("column_types", "MEDIUMTEXT NULL"),
                    col("sink_refusal", "TEXT NULL"), col("sink_inverse_refusal", "TEXT NULL"),
                    col("eta_seconds", "BIGINT NULL"), col("lag_ms", "BIGINT NULL"), wide("freeze_gtid", "NULL"),
                    col("freeze_topic", "VARCHAR(249) NULL"), col("freeze_partition", "INT NULL"),
                    col("freeze_offset", "BIGINT NULL"), col("cutover_at", "DATETIME(3) NULL"),
                    col("revertible", "TINYINT NOT NULL DEFAULT 1"), col("revertible_until", "DATETIME(3) NULL"),
                    col("retired_table", "VARCHAR(64) NULL"), col("message", "TEXT NULL"),
                    id("deploy_id", ID, "NULL"), col("deploy_order", "INT NOT NULL DEFAULT 1"),
                    col("kind", "VARCHAR(8) NOT NULL DEFAULT 'alter'"),
                    col("created_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"),
                    col("updated_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)")),
                    "PRIMARY KEY (migration_id), KEY by_table (table_schema, table_name)"),
            new Table("markers", List.of(
                    col("marker_id", "BIGINT NOT NULL AUTO_INCREMENT"), id("migration_id", ID, "NOT NULL"),
                    col("kind", "VARCHAR(16) NOT NULL"), col("table_schema", "VARCHAR(64) NOT NULL"),
                    col("table_name", "VARCHAR(64) NOT NULL"),
                    col("created_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"),
                    col("reached_topic", "VARCHAR(249) NULL"), col("reached_partition", "INT NULL"),
                    col("reached_offset", "BIGINT NULL"), col("reached_at", "DATETIME(3) NULL"),
                    col("outcome", "VARCHAR(16) NULL")),
                    "PRIMARY KEY (marker_id), KEY by_migration (migration_id)"),
            new Table("copy_ranges", List.of(
                    id("migration_id", ID, "NOT NULL"), col("range_no", "INT NOT NULL"),
                    col("after_key", "BIGINT NOT NULL"), col("end_key", "BIGINT NOT NULL"),
                    col("last_key", "BIGINT NOT NULL"), col("rows_copied", "BIGINT NOT NULL DEFAULT 0")),
                    "PRIMARY KEY (migration_id, range_no)"),
            new Table("copy_key_ranges", List.of(
                    id("migration_id", ID, "NOT NULL"), col("range_no", "INT NOT NULL"),
                    wide("after_key", "NULL"), wide("end_key", "NOT NULL"), wide("last_key", "NULL"),
                    col("done", "TINYINT NOT NULL DEFAULT 0"), col("rows_copied", "BIGINT NOT NULL DEFAULT 0")),
                    "PRIMARY KEY (migration_id, range_no)"),
            new Table("sink_progress", List.of(
                    id("connector", CONNECTOR, "NOT NULL"), id("topic", "VARCHAR(249)", "NOT NULL"),
                    col("kafka_partition", "INT NOT NULL"), col("next_offset", "BIGINT NOT NULL"),
                    col("gtid", "VARCHAR(255) NULL"), id("route_migration", ID, "NULL"),
                    col("route_direction", "VARCHAR(8) NULL"),
                    col("updated_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3)")),
                    "PRIMARY KEY (connector, topic, kafka_partition)"),
            new Table("audit", List.of(
                    col("seq", "BIGINT NOT NULL AUTO_INCREMENT"), id("migration_id", ID, "NOT NULL"),
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
            new Table("sinks", List.of(
                    id("connector", CONNECTOR, "NOT NULL"), col("topics", "MEDIUMTEXT NULL"),
                    col("topics_regex", "TEXT NULL"), col("db_user", "VARCHAR(288) NULL"),
                    col("grants", "MEDIUMTEXT NULL"),
                    col("started_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"),
                    col("heartbeat_at", "DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)"),
                    col("stopped_at", "DATETIME(3) NULL")),
                    "PRIMARY KEY (connector)"),
            new Table("schema_history", List.of(
                    id("connector", CONNECTOR, "NOT NULL"), col("seq", "BIGINT NOT NULL AUTO_INCREMENT"),
                    col("record", "MEDIUMTEXT NOT NULL")),
                    "PRIMARY KEY (seq), KEY by_connector (connector, seq)"));

    private static final int LOCK_WAIT_SECONDS = 10;

    private SidecarSchema() {
    }

    /** The names of the sidecar's tables, in the order they are created. */
    public static List<String> tableNames() {
        return TABLES.stream().map(Table::name).toList();
    }

    private static Column col(String name, String definition) {
        return new Column(name, definition, null, null);
    }

    /** An identifier or id compared exactly ({@link #EXACT}). */
    private static Column id(String name, String type, String nullability) {
        return new Column(name, type + " CHARACTER SET utf8mb4 COLLATE " + EXACT + " " + nullability,
                type.toLowerCase(Locale.ROOT), EXACT);
    }

    /** Text that may outgrow a TEXT's 64 KiB: a statement, the column map of a wide table, a GTID set. */
    private static Column wide(String name, String nullability) {
        return new Column(name, "MEDIUMTEXT " + nullability, "mediumtext", null);
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
                Map<String, String[]> present = present(connection, database, table);
                for (Column column : missingColumns(present, table)) {
                    s.execute("ALTER TABLE " + Sql.qualified(database, table.name()) + " ADD COLUMN "
                            + Sql.quote(column.name()) + " " + column.definition());
                }
                List<Column> narrow = narrowColumns(present, table);
                if (!narrow.isEmpty()) {
                    s.execute("ALTER TABLE " + Sql.qualified(database, table.name()) + " " + narrow.stream()
                            .map(c -> "MODIFY COLUMN " + Sql.quote(c.name()) + " " + c.definition())
                            .collect(Collectors.joining(", ")));
                }
            }
            s.execute("SET SESSION lock_wait_timeout = DEFAULT");
        }
    }

    /**
     * Every table with every column already there, as wide as it should be: the common case,
     * answered by one read of the database's columns (every task of the three connectors asks
     * at start; two reads per table were twenty on the path of each migration's start).
     */
    private static boolean complete(Connection c, String database) throws SQLException {
        Map<String, Map<String, String[]>> present = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT TABLE_NAME, COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ?")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    present.computeIfAbsent(rs.getString(1), t -> new HashMap<>()).put(rs.getString(2).toLowerCase(Locale.ROOT),
                            column(rs.getString(3), rs.getString(4)));
                }
            }
        }
        for (Table table : TABLES) {
            Map<String, String[]> columns = present.getOrDefault(table.name(), Map.of());
            if (!missingColumns(columns, table).isEmpty() || !narrowColumns(columns, table).isEmpty()) {
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
        for (Column column : table.columns()) {
            ddl.append(Sql.quote(column.name())).append(' ').append(column.definition()).append(", ");
        }
        return ddl.append(table.keys()).append(')').toString();
    }

    private static List<Column> missingColumns(Map<String, String[]> present, Table table) {
        return table.columns().stream().filter(column -> !present.containsKey(column.name())).toList();
    }

    /**
     * Columns an older twoway made narrower than they are now, or with a collation that folds case:
     * each is modified to its definition. A wider column (a newer twoway's) is left alone.
     */
    private static List<Column> narrowColumns(Map<String, String[]> present, Table table) {
        List<Column> narrow = new ArrayList<>();
        for (Column column : table.columns()) {
            String[] found = present.get(column.name());
            if (found != null && column.type() != null && (ColumnWidth.narrower(found[0], column.type())
                    || (column.collation() != null && !column.collation().equals(found[1])))) {
                narrow.add(column);
            }
        }
        return narrow;
    }

    /** Column name to {type, collation} as the table has them (lower case). */
    private static Map<String, String[]> present(Connection c, String database, Table table) throws SQLException {
        Map<String, String[]> present = new HashMap<>();
        try (PreparedStatement s = c.prepareStatement("SELECT COLUMN_NAME, COLUMN_TYPE, COLLATION_NAME FROM "
                + "information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ?")) {
            s.setString(1, database);
            s.setString(2, table.name());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String collation = rs.getString(3);
                    present.put(rs.getString(1).toLowerCase(Locale.ROOT), column(rs.getString(2), collation));
                }
            }
        }
        return present;
    }

    /** {type, collation} in lower case. */
    private static String[] column(String type, String collation) {
        return new String[] {type.toLowerCase(Locale.ROOT), collation == null ? null : collation.toLowerCase(Locale.ROOT)};
    }
}
