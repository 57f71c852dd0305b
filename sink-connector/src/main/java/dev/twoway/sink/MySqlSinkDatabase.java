package dev.twoway.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.projection.ColumnTypes;
import dev.twoway.core.schema.OnUpdateColumns;
import dev.twoway.core.schema.UniqueIndexes;
import dev.twoway.core.state.ColumnTypesStore;
import dev.twoway.core.state.CopyRangeStore;
import dev.twoway.core.state.ForwardRefusalStore;
import dev.twoway.core.state.InverseRefusalStore;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.SidecarSchema;

/**
 * {@link SinkDatabase} on one MySQL connection with autocommit off. READ COMMITTED, so the
 * outcome of a swap marker and new migrations are seen as soon as the coordinator commits
 * them, and the sink's upserts take no gap locks that would collide with the copy. Rows are
 * written in the session a default ALTER TABLE would have ({@link SessionZone}: strict, so no
 * value is ever truncated silently, a key 0 kept, the server's time zone); the sidecar in UTC.
 */
public final class MySqlSinkDatabase implements SinkDatabase {
    private static final Logger LOG = LoggerFactory.getLogger(MySqlSinkDatabase.class);
    private static final int VALID_TIMEOUT_SECONDS = 5;

    private final ConnectionSettings settings;
    private final MigrationStore migrations;
    private final MarkerStore markers;
    private final CopyRangeStore copyRanges;
    private final ProgressStore progress;
    private final InverseRefusalStore inverseRefusals;
    private final ColumnTypesStore columnTypes;
    private final OnUpdateColumns onUpdate = new OnUpdateColumns();
    private final UniqueIndexes uniqueIndexes = new UniqueIndexes();
    private final ForwardRefusalStore forwardRefusals;
    private Connection connection;
    private SessionZone zone;

    private MySqlSinkDatabase(ConnectionSettings settings, String sidecar, String connector) {
        this.settings = settings;
        this.migrations = new MigrationStore(sidecar);
        this.markers = new MarkerStore(sidecar);
        this.copyRanges = new CopyRangeStore(sidecar);
        this.progress = new ProgressStore(sidecar, connector);
        this.inverseRefusals = new InverseRefusalStore(sidecar);
        this.columnTypes = new ColumnTypesStore(sidecar);
        this.forwardRefusals = new ForwardRefusalStore(sidecar);
    }

    /** Connects and creates the sidecar tables when missing. */
    public static MySqlSinkDatabase open(ConnectionSettings settings, String sidecar, String connector)
            throws SQLException {
        MySqlSinkDatabase database = new MySqlSinkDatabase(settings, sidecar, connector);
        Connection c = database.connection();
        SidecarSchema.ensure(c, sidecar);
        c.commit();
        return database;
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            Connection opened = settings.connect();
            opened.setAutoCommit(false);
            opened.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            zone = new SessionZone(opened);
            connection = opened;
        }
        return connection;
    }

    @Override
    public void zone(boolean server) throws SQLException {
        connection();
        zone.userZone(server);
    }

    @Override
    public void execute(String sql, List<Object> parameters) throws SQLException {
        Connection c = connection();
        zone.userTables();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            s.executeUpdate();
        }
    }

    @Override
    public List<List<Object>> query(String sql, List<Object> parameters) throws SQLException {
        Connection c = connection();
        zone.userTables();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.size(); i++) {
                s.setObject(i + 1, parameters.get(i));
            }
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                int columns = rs.getMetaData().getColumnCount();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>(columns);
                    for (int i = 1; i <= columns; i++) {
                        row.add(rs.getObject(i));
                    }
                    rows.add(row);
                }
            }
            return rows;
        }
    }

    @Override
    public Map<String, List<String>> uniqueIndexes(String schema, String table) throws SQLException {
        return uniqueIndexes.of(connection(), schema, table);
    }

    @Override
    public void markForwardRefused(String migrationId, String reason) throws SQLException {
        forwardRefusals.refuse(sidecar(), migrationId, reason);
    }

    @Override
    public Optional<MigrationRow> migration(String migrationId) throws SQLException {
        return migrations.find(connection(), migrationId);
    }

    @Override
    public ColumnTypes columnTypes(String migrationId) throws SQLException {
        return columnTypes.read(connection(), migrationId);
    }

    @Override
    public List<String> onUpdateColumns(String schema, String table) throws SQLException {
        return onUpdate.of(connection(), schema, table);
    }

    @Override
    public Optional<TableFacts> tableFacts(String schema, String table) throws SQLException {
        return Optional.of(TableFacts.read(connection(), schema, table));
    }

    @Override
    public Optional<MarkerRow> marker(long markerId) throws SQLException {
        return markers.find(connection(), markerId);
    }

    @Override
    public List<CopyRangeStore.Range> copyRanges(String migrationId) throws SQLException {
        return copyRanges.list(connection(), migrationId);
    }

    @Override
    public void markReached(long markerId, TopicPartition partition, long offset) throws SQLException {
        markers.markReached(sidecar(), markerId, partition.topic(), partition.partition(), offset);
    }

    @Override
    public void markNotRevertible(String migrationId, String reason) throws SQLException {
        inverseRefusals.refuse(sidecar(), migrationId, reason);
    }

    @Override
    public Map<TopicPartition, PartitionProgress> progress(Collection<TopicPartition> partitions) throws SQLException {
        return progress.read(connection(), partitions);
    }

    @Override
    public void saveProgress(Map<TopicPartition, PartitionProgress> rows) throws SQLException {
        progress.save(sidecar(), rows);
    }

    /** The connection, in UTC: the sidecar's times are. */
    private Connection sidecar() throws SQLException {
        Connection c = connection();
        zone.sidecar();
        return c;
    }

    @Override
    public void commit() throws SQLException {
        connection().commit();
    }

    @Override
    public void rollback() {
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        }
        catch (SQLException e) {
            LOG.warn("Rollback on {} failed ({}); the connection will be replaced", settings.address(), e.getMessage());
        }
    }

    @Override
    public void reconnectIfBroken() {
        try {
            if (connection != null && !connection.isValid(VALID_TIMEOUT_SECONDS)) {
                LOG.info("Connection to {} is broken; reconnecting on next use", settings.address());
                close();
            }
        }
        catch (SQLException e) {
            close();
        }
    }

    @Override
    public void close() {
        if (connection == null) {
            return;
        }
        try {
            connection.close();
        }
        catch (SQLException e) {
            LOG.debug("Closing the connection to {} failed: {}", settings.address(), e.getMessage());
        }
        connection = null;
        zone = null;
    }
}
