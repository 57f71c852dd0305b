package dev.twoway.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.function.Consumer;

import dev.twoway.core.Sql;
import dev.twoway.core.state.SidecarSchema;

/**
 * The rows of {@code <sidecar>.schema_history} that belong to one connector: each row is one
 * Debezium history record as JSON, in {@code seq} order. Only SQL lives here; connections are
 * opened and closed by the caller.
 */
final class SchemaHistoryTable {
    static final String TABLE = "schema_history";

    private final String database;
    private final String connector;

    SchemaHistoryTable(String database, String connector) {
        this.database = database;
        this.connector = connector;
    }

    /** Creates the sidecar database and all its tables when missing: the source often starts first. */
    void create(Connection c) throws SQLException {
        SidecarSchema.ensure(c, database);
    }

    boolean tableExists(Connection c) throws SQLException {
        String sql = "SELECT 1 FROM `information_schema`.`TABLES` WHERE `TABLE_SCHEMA` = ? AND `TABLE_NAME` = ?";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, database);
            s.setString(2, TABLE);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    boolean hasRecords(Connection c) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT 1 FROM " + table() + " WHERE `connector` = ? LIMIT 1")) {
            s.setString(1, connector);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next();
            }
        }
    }

    void append(Connection c, String record) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table() + " (`connector`, `record`) VALUES (?, ?)")) {
            s.setString(1, connector);
            s.setString(2, record);
            s.executeUpdate();
        }
    }

    /** Hands every record of the connector, oldest first, to {@code records}. */
    void readAll(Connection c, Consumer<String> records) throws SQLException {
        String sql = "SELECT `record` FROM " + table() + " WHERE `connector` = ? ORDER BY `seq`";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, connector);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    records.accept(rs.getString(1));
                }
            }
        }
    }

    String describe() {
        return database + "." + TABLE + " (connector '" + connector + "')";
    }

    private String table() {
        return Sql.qualified(database, TABLE);
    }
}
