package dev.twoway.stack.demo;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Reads a migration's state row over and over, and fails the demo as soon as something went
 * wrong: the migration failed (its message), the coordinator's task failed (its trace), or the
 * live writer failed.
 */
final class MigrationWatch implements AutoCloseable {
    static final Duration EVERY = Duration.ofMillis(200);
    private static final long CONNECTOR_CHECK_NANOS = 2_000_000_000L;

    private final Connection connection;
    private final String sidecar;
    private final String migration;
    private final String connector;
    private final ConnectRest rest;
    private final ModelWriter writer;
    private long lastConnectorCheck;

    /** {@code migration}: the row watched; {@code connector}: its coordinator (a deploy request's, for a member). */
    MigrationWatch(MySqlTarget mysql, String sidecar, String migration, String connector, ConnectRest rest,
                   ModelWriter writer) throws SQLException {
        this.connection = mysql.connect();
        this.sidecar = sidecar;
        this.migration = migration;
        this.connector = connector;
        this.rest = rest;
        this.writer = writer;
    }

    /** The row now, or empty before the coordinator wrote it. */
    Optional<MigrationStatus> read() throws Exception {
        writer.check();
        Optional<MigrationStatus> status = MigrationStatus.read(connection, sidecar, migration);
        if (status.isPresent() && status.get().failed()) {
            throw new DemoFailure("migration failed: " + status.get().message());
        }
        if (System.nanoTime() - lastConnectorCheck > CONNECTOR_CHECK_NANOS) {
            lastConnectorCheck = System.nanoTime();
            Optional<String> failure = rest.failure(connector);
            if (failure.isPresent()) {
                throw new DemoFailure("the coordinator " + connector + " failed: " + failure.get());
            }
        }
        return status;
    }

    /** Polls until the row is in {@code state}, showing each reading with {@code show}; returns that reading. */
    MigrationStatus await(String state, Duration timeout, Consumer<Optional<MigrationStatus>> show) {
        MigrationStatus[] last = new MigrationStatus[1];
        Wait.until(timeout, EVERY, migration + " reaching state " + state, () -> {
            Optional<MigrationStatus> status = read();
            show.accept(status);
            last[0] = status.orElse(null);
            return status.isPresent() && state.equals(status.get().state());
        });
        return last[0];
    }

    /** The columns of the demo's live table, in order. */
    List<String> liveColumns() throws SQLException {
        List<String> columns = new ArrayList<>();
        try (PreparedStatement s = connection.prepareStatement("SELECT COLUMN_NAME FROM information_schema.COLUMNS"
                + " WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION")) {
            s.setString(1, DemoTable.DATABASE);
            s.setString(2, DemoTable.TABLE);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
        }
        return columns;
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }
}
