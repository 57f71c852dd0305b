package dev.twoway.coordinator.sidecar;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.twoway.core.Sql;
import dev.twoway.core.jdbc.InTransaction;
import dev.twoway.core.state.AuditStore;
import dev.twoway.core.state.ForwardRefusalStore;
import dev.twoway.core.state.InverseRefusalStore;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerLookup;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.SidecarSchema;

/**
 * The sidecar on MySQL, through the stores of {@code dev.twoway.core.state}, on the reconciler's
 * main connection ({@link Connections#main()}: reopened after a failure) or any other one. A state change and its
 * audit row share one transaction ({@link InTransaction}).
 */
public final class MySqlSidecar implements Sidecar {
    private final MainConnection connection;
    private final String database;
    private final MigrationStore store;
    private final MigrationProgressStore progress;
    private final AuditStore audit;
    private final MarkerStore markers;
    private final MarkerLookup lookup;
    private final ForwardRefusalStore refusals;
    private final InverseRefusalStore inverseRefusals;
    private final StageTimeline timeline = new StageTimeline(System::nanoTime);

    public MySqlSidecar(MainConnection connection, String database) {
        this.connection = connection;
        this.database = database;
        this.store = new MigrationStore(database);
        this.progress = new MigrationProgressStore(database);
        this.audit = new AuditStore(database);
        this.markers = new MarkerStore(database);
        this.lookup = new MarkerLookup(database);
        this.refusals = new ForwardRefusalStore(database);
        this.inverseRefusals = new InverseRefusalStore(database);
    }

    private Connection c() throws SQLException {
        return connection.get();
    }

    @Override
    public void ensure() throws SQLException {
        SidecarSchema.ensure(c(), database);
    }

    @Override
    public Optional<MigrationRow> migration(String migrationId) throws SQLException {
        return store.find(c(), migrationId);
    }

    @Override
    public List<MigrationRow> members(String deployId) throws SQLException {
        return store.members(c(), deployId);
    }

    @Override
    public List<MigrationRow> holding(String schema, String table) throws SQLException {
        return store.holding(c(), schema, table);
    }

    @Override
    public boolean insert(MigrationRow row) throws SQLException {
        Connection c = c();
        return InTransaction.run(c, () -> audited(c, store.insert(c, row), row.migrationId(), null, row.state(),
                row.stage(), row.message()));
    }

    @Override
    public boolean insert(List<MigrationRow> rows) throws SQLException {
        Connection c = c();
        try {
            return InTransaction.run(c, () -> {
                for (MigrationRow row : rows) {
                    if (!audited(c, store.insert(c, row), row.migrationId(), null, row.state(), row.stage(),
                            row.message())) {
                        throw new NotInState();
                    }
                }
                return true;
            });
        }
        catch (NotInState e) {
            return false;
        }
    }

    @Override
    public boolean move(List<Move> moves) throws SQLException {
        Connection c = c();
        try {
            return InTransaction.run(c, () -> {
                for (Move m : moves) {
                    if (!audited(c, store.transition(c, m.migrationId(), m.from(), m.to(), m.stage(), m.message()),
                            m.migrationId(), m.from(), m.to(), m.stage(), m.message())) {
                        throw new NotInState();
                    }
                }
                return true;
            });
        }
        catch (NotInState e) {
            return false;
        }
    }

    @Override
    public boolean move(String migrationId, MigrationState from, MigrationState to, String stage, String message)
            throws SQLException {
        Connection c = c();
        return InTransaction.run(c, () -> audited(c, store.transition(c, migrationId, from, to, stage, message),
                migrationId, from, to, stage, message));
    }

    @Override
    public boolean swapped(List<SwapMove> moves, Instant at, Instant revertibleUntil) throws SQLException {
        Connection c = c();
        try {
            return InTransaction.run(c, () -> {
                for (SwapMove move : moves) {
                    if (!progress.swapped(c, move.migrationId(), move.from(), move.to(), at, move.stage(),
                            revertibleUntil, move.message())) {
                        throw new NotInState();
                    }
                    audit.append(c, move.migrationId(), move.from(), move.to(), move.stage(), move.auditMessage());
                    timeline.entered(move.migrationId(), move.stage());
                }
                return true;
            });
        }
        catch (NotInState e) {
            return false;
        }
    }

    /** A member was not in its state (or its id was taken): the transaction is rolled back, nothing changes. */
    private static final class NotInState extends RuntimeException {
        NotInState() {
            super(null, null, false, false);
        }
    }

    @Override
    public boolean notRevertible(String migrationId, MigrationState state, String stage, String reason)
            throws SQLException {
        Connection c = c();
        return InTransaction.run(c, () -> audited(c, progress.notRevertible(c, migrationId, state, stage, reason),
                migrationId, state, state, stage, reason));
    }

    /** The audit row of a state change that happened ({@code changed}), in its transaction. */
    private boolean audited(Connection c, boolean changed, String migrationId, MigrationState from,
                            MigrationState to, String stage, String message) throws SQLException {
        if (changed) {
            audit.append(c, migrationId, from, to, stage, message);
            timeline.entered(migrationId, stage);
        }
        return changed;
    }

    @Override
    public void stage(String migrationId, String stage) throws SQLException {
        store.stage(c(), migrationId, stage);
        timeline.entered(migrationId, stage);
    }

    @Override
    public void stage(List<String> migrationIds, String stage) throws SQLException {
        store.stage(c(), migrationIds, stage);
        migrationIds.forEach(id -> timeline.entered(id, stage));
    }

    @Override
    public void note(String migrationId, String stage, String message) throws SQLException {
        progress.note(c(), migrationId, stage, message);
        timeline.entered(migrationId, stage);
    }

    @Override
    public void replaceNote(String migrationId, String writtenStage, String writtenMessage, String stage,
                            String message) throws SQLException {
        progress.replaceNote(c(), migrationId, writtenStage, writtenMessage, stage, message);
    }

    @Override
    public void clearNote(String migrationId, String prefix) throws SQLException {
        progress.clearNote(c(), migrationId, prefix);
    }

    @Override
    public void rowsTotal(String migrationId, long rowsTotal) throws SQLException {
        progress.rowsTotal(c(), migrationId, rowsTotal);
    }

    @Override
    public void lag(String migrationId, long lagMs, String stage) throws SQLException {
        progress.lag(c(), migrationId, lagMs, stage);
        timeline.entered(migrationId, stage);
    }

    @Override
    public void freezePoint(String migrationId, String gtid, String topic, Integer partition, Long offset)
            throws SQLException {
        progress.freezePoint(c(), migrationId, gtid, topic, partition, offset);
    }

    @Override
    public void freezePoints(List<Freeze> points) throws SQLException {
        Connection c = c();
        InTransaction.run(c, () -> {
            for (Freeze f : points) {
                progress.freezePoint(c, f.migrationId(), f.gtid(), f.topic(), f.partition(), f.offset());
            }
            return null;
        });
    }

    @Override
    public String retiring(String migrationId, String holdName) throws SQLException {
        return progress.retiring(c(), migrationId, holdName);
    }

    @Override
    public long insertMarker(String migrationId, MarkerKind kind, String schema, String table) throws SQLException {
        return markers.insert(c(), migrationId, kind, schema, table);
    }

    @Override
    public List<Long> insertMarkers(List<MarkerSpec> specs) throws SQLException {
        Connection c = c();
        return InTransaction.run(c, () -> {
            List<Long> ids = new ArrayList<>();
            for (MarkerSpec m : specs) {
                ids.add(markers.insert(c, m.migrationId(), m.kind(), m.schema(), m.table()));
            }
            return ids;
        });
    }

    @Override
    public Optional<MarkerRow> marker(long markerId) throws SQLException {
        return markers.find(c(), markerId);
    }

    @Override
    public OptionalLong markerAgeMs(long markerId) throws SQLException {
        String sql = "SELECT TIMESTAMPDIFF(MICROSECOND, created_at, CURRENT_TIMESTAMP(3)) DIV 1000 FROM "
                + Sql.qualified(database, "markers") + " WHERE marker_id = ?";
        try (PreparedStatement s = c().prepareStatement(sql)) {
            s.setLong(1, markerId);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        }
    }

    @Override
    public Optional<MarkerRow> latestMarker(String migrationId, MarkerKind kind) throws SQLException {
        return lookup.latest(c(), migrationId, kind);
    }

    @Override
    public Optional<MarkerRow> latestDoneSwap(String migrationId) throws SQLException {
        return lookup.latestDoneSwap(c(), migrationId);
    }

    @Override
    public List<MarkerRow> pendingSwaps(String migrationId) throws SQLException {
        return lookup.pendingSwaps(c(), migrationId);
    }

    @Override
    public long markerCount(String migrationId, MarkerKind kind) throws SQLException {
        return markers.count(c(), migrationId, kind);
    }

    @Override
    public boolean settle(long markerId, MarkerOutcome outcome) throws SQLException {
        return markers.settle(c(), markerId, outcome);
    }

    @Override
    public void settle(List<Long> markerIds, MarkerOutcome outcome) throws SQLException {
        Connection c = c();
        InTransaction.run(c, () -> {
            for (long id : markerIds) {
                markers.settle(c, id, outcome);
            }
            return null;
        });
    }

    @Override
    public Optional<String> sinkRefusal(String migrationId) throws SQLException {
        return refusals.read(c(), migrationId);
    }

    @Override
    public Optional<String> sinkInverseRefusal(String migrationId) throws SQLException {
        return inverseRefusals.read(c(), migrationId);
    }

    @Override
    public Optional<String> sinkWaiting(String schema, String table) throws SQLException {
        return SinkCoverage.waiting(c(), database, schema, table);
    }
}
