package dev.twoway.coordinator.sidecar;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MemberKind;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * The sidecar in memory, for unit tests of the reconciler and its steps: rows, markers and audit
 * rows as lists a test reads. Its sink reaches every marker of the kinds in {@link #sinkReaches}
 * as soon as it is inserted (topic {@code topic}, partition 0, offset = marker id × 10); others
 * wait for {@link #reach}.
 */
public final class FakeSidecar implements Sidecar {
    /** An audit row as the fake keeps it. */
    public record Audit(String migrationId, MigrationState from, MigrationState to, String stage, String message) {
    }

    /** A migration row the test can change field by field. */
    public static final class Row {
        public String id;
        public String schema;
        public String table;
        public String ddl;
        public MigrationState state;
        public String stage;
        public String shadow;
        public String old;
        public String message;
        public long rowsCopied;
        public long rowsTotal;
        public Long lagMs;
        public String freezeGtid;
        public String freezeTopic;
        public Integer freezePartition;
        public Long freezeOffset;
        public Instant cutoverAt;
        public boolean revertible = true;
        public Instant revertibleUntil;
        public String retiredTable;
        public String sinkRefusal;
        public String sinkInverseRefusal;
        public MemberKind kind = MemberKind.ALTER;
        public String deployId;
        public int deployOrder = 1;

        MigrationRow toRow() {
            return new MigrationRow(id, schema, table, ddl, state, stage, shadow, old, "", rowsCopied, rowsTotal,
                    null, null, lagMs, freezeGtid, freezeTopic, freezePartition, freezeOffset, cutoverAt, message,
                    null, revertible, revertibleUntil, retiredTable, kind, deployId, deployOrder);
        }
    }

    private final Map<String, Row> rows = new LinkedHashMap<>();
    private final List<MarkerRow> markers = new ArrayList<>();
    private final Map<Long, Long> markerAges = new LinkedHashMap<>();
    public final List<Audit> audit = new ArrayList<>();
    public final Set<MarkerKind> sinkReaches = new HashSet<>(Set.of(MarkerKind.values()));
    public final Map<String, String> sinkWaiting = new LinkedHashMap<>();
    public boolean ensured;

    /** Adds a row in {@code state}, named as the tests name tables ({@code t_new}, {@code t_old}). */
    public Row add(String id, String schema, String table, MigrationState state) {
        Row row = new Row();
        row.id = id;
        row.schema = schema;
        row.table = table;
        row.ddl = "ALTER TABLE " + schema + "." + table + " ADD COLUMN c INT";
        row.state = state;
        row.stage = state.wireName();
        row.shadow = table + "_new";
        row.old = table + "_old";
        rows.put(id, row);
        return row;
    }

    public Row row(String id) {
        return rows.get(id);
    }

    public List<MarkerRow> markers() {
        return List.copyOf(markers);
    }

    public List<MarkerRow> markers(String migrationId, MarkerKind kind) {
        return markers.stream().filter(m -> m.migrationId().equals(migrationId) && m.kind() == kind).toList();
    }

    /** The sink reaches the marker now. */
    public void reach(long markerId) {
        replace(markerId, m -> new MarkerRow(m.markerId(), m.migrationId(), m.kind(), m.tableSchema(), m.tableName(),
                "topic", 0, m.markerId() * 10, m.outcome()));
    }

    /** How old the database says a marker is. */
    public void age(long markerId, long ms) {
        markerAges.put(markerId, ms);
    }

    /** Adds a swap marker as an earlier coordinator left it. */
    public long addSwapMarker(String migrationId, MarkerKind kind, MarkerOutcome outcome, boolean reached) {
        Row row = rows.get(migrationId);
        long id = markers.size() + 1;
        markers.add(new MarkerRow(id, migrationId, kind, row.schema, row.table, reached ? "topic" : null,
                reached ? 0 : null, reached ? id * 10 : null, outcome));
        return id;
    }

    private void replace(long markerId, java.util.function.UnaryOperator<MarkerRow> change) {
        for (int i = 0; i < markers.size(); i++) {
            if (markers.get(i).markerId() == markerId) {
                markers.set(i, change.apply(markers.get(i)));
            }
        }
    }

    @Override
    public void ensure() {
        ensured = true;
    }

    @Override
    public Optional<MigrationRow> migration(String migrationId) {
        return Optional.ofNullable(rows.get(migrationId)).map(Row::toRow);
    }

    @Override
    public List<MigrationRow> members(String deployId) {
        return rows.values().stream().filter(r -> deployId.equals(r.deployId == null ? r.id : r.deployId))
                .sorted(Comparator.comparingInt(r -> r.deployOrder)).map(Row::toRow).toList();
    }

    @Override
    public List<MigrationRow> holding(String schema, String table) {
        return rows.values().stream().filter(r -> r.schema.equals(schema) && r.table.equals(table)
                && r.state.holdsTable()).map(Row::toRow).toList();
    }

    @Override
    public boolean insert(MigrationRow m) {
        if (rows.containsKey(m.migrationId())) {
            return false;
        }
        Row row = add(m.migrationId(), m.tableSchema(), m.tableName(), m.state());
        row.ddl = m.ddl();
        row.shadow = m.shadowTable();
        row.old = m.oldTable();
        row.stage = m.stage();
        row.message = m.message();
        row.kind = m.kind();
        row.deployId = m.deployId();
        row.deployOrder = m.deployOrder();
        audit.add(new Audit(m.migrationId(), null, m.state(), m.stage(), m.message()));
        return true;
    }

    @Override
    public boolean insert(List<MigrationRow> list) {
        if (list.stream().anyMatch(m -> rows.containsKey(m.migrationId()))) {
            return false;
        }
        list.forEach(this::insert);
        return true;
    }

    @Override
    public boolean move(List<Move> moves) {
        for (Move m : moves) {
            Row row = rows.get(m.migrationId());
            if (row == null || row.state != m.from()) {
                return false;
            }
        }
        moves.forEach(m -> move(m.migrationId(), m.from(), m.to(), m.stage(), m.message()));
        return true;
    }

    @Override
    public boolean move(String migrationId, MigrationState from, MigrationState to, String stage, String message) {
        Row row = rows.get(migrationId);
        if (row == null || row.state != from) {
            return false;
        }
        row.state = to;
        row.stage = stage;
        row.message = message;
        audit.add(new Audit(migrationId, from, to, stage, message));
        return true;
    }

    @Override
    public boolean swapped(List<SwapMove> moves, Instant at, Instant revertibleUntil) {
        for (SwapMove move : moves) {
            Row row = rows.get(move.migrationId());
            if (row == null || row.state != move.from()) {
                return false;
            }
        }
        for (SwapMove move : moves) {
            Row row = rows.get(move.migrationId());
            row.state = move.to();
            row.stage = move.stage();
            row.cutoverAt = at;
            row.revertibleUntil = row.revertibleUntil == null ? revertibleUntil : row.revertibleUntil;
            row.message = null;
            audit.add(new Audit(move.migrationId(), move.from(), move.to(), move.stage(), move.freezePoint()));
        }
        return true;
    }

    @Override
    public boolean notRevertible(String migrationId, MigrationState state, String stage, String reason) {
        Row row = rows.get(migrationId);
        if (row == null || row.state != state || !row.revertible) {
            return false;
        }
        row.revertible = false;
        row.stage = stage;
        row.message = reason;
        audit.add(new Audit(migrationId, state, state, stage, reason));
        return true;
    }

    @Override
    public void stage(String migrationId, String stage) {
        rows.get(migrationId).stage = stage;
    }

    @Override
    public void stage(List<String> migrationIds, String stage) {
        migrationIds.forEach(id -> stage(id, stage));
    }

    @Override
    public void note(String migrationId, String stage, String message) {
        Row row = rows.get(migrationId);
        row.stage = stage;
        row.message = message;
    }

    @Override
    public void replaceNote(String migrationId, String writtenStage, String writtenMessage, String stage,
                            String message) {
        Row row = rows.get(migrationId);
        if (row.stage.equals(writtenStage) && Objects.equals(row.message, writtenMessage)) {
            row.stage = stage;
            row.message = message;
        }
    }

    @Override
    public void clearNote(String migrationId, String prefix) {
        Row row = rows.get(migrationId);
        if (row.message != null && row.message.startsWith(prefix)) {
            row.message = null;
        }
    }

    @Override
    public void rowsTotal(String migrationId, long rowsTotal) {
        rows.get(migrationId).rowsTotal = rowsTotal;
    }

    @Override
    public void lag(String migrationId, long lagMs, String stage) {
        Row row = rows.get(migrationId);
        row.lagMs = lagMs;
        row.stage = stage;
    }

    @Override
    public void freezePoint(String migrationId, String gtid, String topic, Integer partition, Long offset) {
        Row row = rows.get(migrationId);
        row.freezeGtid = gtid;
        row.freezeTopic = topic;
        row.freezePartition = partition;
        row.freezeOffset = offset;
    }

    @Override
    public void freezePoints(List<Freeze> points) {
        points.forEach(f -> freezePoint(f.migrationId(), f.gtid(), f.topic(), f.partition(), f.offset()));
    }

    @Override
    public String retiring(String migrationId, String holdName) {
        Row row = rows.get(migrationId);
        if (row.retiredTable == null) {
            row.retiredTable = holdName;
        }
        return row.retiredTable;
    }

    @Override
    public long insertMarker(String migrationId, MarkerKind kind, String schema, String table) {
        long id = markers.size() + 1;
        markers.add(new MarkerRow(id, migrationId, kind, schema, table, null, null, null,
                kind.isSwap() ? MarkerOutcome.PENDING : null));
        if (sinkReaches.contains(kind)) {
            reach(id);
        }
        return id;
    }

    @Override
    public List<Long> insertMarkers(List<MarkerSpec> specs) {
        List<Long> ids = new ArrayList<>();
        for (MarkerSpec m : specs) {
            ids.add(insertMarker(m.migrationId(), m.kind(), m.schema(), m.table()));
        }
        return ids;
    }

    @Override
    public Optional<MarkerRow> marker(long markerId) {
        return markers.stream().filter(m -> m.markerId() == markerId).findFirst();
    }

    @Override
    public OptionalLong markerAgeMs(long markerId) {
        if (marker(markerId).isEmpty()) {
            return OptionalLong.empty();
        }
        return OptionalLong.of(markerAges.getOrDefault(markerId, 0L));
    }

    @Override
    public Optional<MarkerRow> latestMarker(String migrationId, MarkerKind kind) {
        return markers(migrationId, kind).stream().max(Comparator.comparingLong(MarkerRow::markerId));
    }

    @Override
    public Optional<MarkerRow> latestDoneSwap(String migrationId) {
        return markers.stream().filter(m -> m.migrationId().equals(migrationId) && m.kind().isSwap()
                && m.outcome() == MarkerOutcome.DONE).max(Comparator.comparingLong(MarkerRow::markerId));
    }

    @Override
    public long markerCount(String migrationId, MarkerKind kind) {
        return markers(migrationId, kind).size();
    }

    @Override
    public List<MarkerRow> pendingSwaps(String migrationId) {
        return markers.stream().filter(m -> m.migrationId().equals(migrationId)
                && m.outcome() == MarkerOutcome.PENDING).toList();
    }

    @Override
    public boolean settle(long markerId, MarkerOutcome outcome) {
        Optional<MarkerRow> marker = marker(markerId);
        if (marker.isEmpty() || marker.get().outcome() != MarkerOutcome.PENDING) {
            return false;
        }
        replace(markerId, m -> new MarkerRow(m.markerId(), m.migrationId(), m.kind(), m.tableSchema(),
                m.tableName(), m.reachedTopic(), m.reachedPartition(), m.reachedOffset(), outcome));
        return true;
    }

    @Override
    public void settle(List<Long> markerIds, MarkerOutcome outcome) {
        markerIds.forEach(id -> settle(id, outcome));
    }

    @Override
    public Optional<String> sinkRefusal(String migrationId) {
        return Optional.ofNullable(rows.get(migrationId)).map(r -> r.sinkRefusal);
    }

    @Override
    public Optional<String> sinkInverseRefusal(String migrationId) {
        return Optional.ofNullable(rows.get(migrationId)).map(r -> r.sinkInverseRefusal);
    }

    @Override
    public Optional<String> sinkWaiting(String schema, String table) {
        return Optional.ofNullable(sinkWaiting.get(schema + "." + table));
    }
}
