package dev.twoway.coordinator.step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.copy.CopyInspector;
import dev.twoway.coordinator.copy.CopyRate;
import dev.twoway.coordinator.copy.DeferredIndexes;
import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.DdlException;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnTypes;
import dev.twoway.core.schema.ColumnType;
import dev.twoway.core.state.ColumnTypesStore;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.schema.TableSchema;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerLookup;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.MigrationProgressStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Step 2 (queued -> running): creates the shadow, stores the column map, leaves out its plain
 * secondary indexes until the copy is done ({@link DeferredIndexes}) when the table is estimated
 * to hold at least {@code migration.copy.defer.indexes.rows} rows, then inserts marker
 * {@code start}, from which on the sink applies the table's changes to the shadow. Idempotent: a
 * start marker proves the shadow was complete; without one a leftover shadow is rebuilt, unless
 * it is the scratch table this task's admission built a moment ago and kept (the same table,
 * built the same way: {@link MigrationAdmission#takeShadow}).
 */
public final class ShadowStep {
    private final MigrationProgressStore progress;
    private final MarkerStore markers;
    private final MarkerLookup lookup;
    private final Transitions transitions;
    private final DeferredIndexes indexes;
    private final ColumnTypesStore columnTypes;
    private final long deferIndexesRows;

    /** {@code deferIndexesRows}: from how many estimated rows the plain secondary indexes are built after the copy. */
    public ShadowStep(String sidecar, Transitions transitions, long deferIndexesRows) {
        this.deferIndexesRows = deferIndexesRows;
        this.indexes = new DeferredIndexes(sidecar);
        this.columnTypes = new ColumnTypesStore(sidecar);
        this.progress = new MigrationProgressStore(sidecar);
        this.markers = new MarkerStore(sidecar);
        this.lookup = new MarkerLookup(sidecar);
        this.transitions = transitions;
    }

    /** {@code built}: the admission kept its scratch table, which is the shadow. */
    public void build(Connection c, MigrationRow row, boolean built) throws SQLException {
        if (lookup.latest(c, row.migrationId(), MarkerKind.START).isEmpty()) {
            Optional<String> refusal = createShadow(c, row, built);
            if (refusal.isPresent()) {
                transitions.of(row.migrationId()).move(MigrationState.QUEUED, MigrationState.FAILED, "refused",
                        refusal.get());
                return;
            }
            markers.insert(c, row.migrationId(), MarkerKind.START, row.tableSchema(), row.tableName());
        }
        long total = new CopyInspector(c).estimateRows(row.tableSchema(), row.tableName());
        progress.rowsTotal(c, row.migrationId(), total);
        transitions.of(row.migrationId()).move(MigrationState.QUEUED, MigrationState.RUNNING,
                new CopyRate().stage(0, total), null);
    }

    /**
     * Builds the shadow and stores the column map, its plain secondary indexes left out on a table
     * of at least {@code deferIndexesRows} estimated rows; the reason when MySQL or the mapping refuses.
     */
    private Optional<String> createShadow(Connection c, MigrationRow row, boolean built) throws SQLException {
        AlterStatement statement;
        try {
            statement = AlterStatement.parse(row.ddl(), null);
        }
        catch (DdlException e) {
            return Optional.of(e.getMessage());
        }
        ShadowTableBuilder builder = new ShadowTableBuilder(c);
        if (!built) {
            builder.drop(row.tableSchema(), row.shadowTable());
        }
        TableSchema table = new TableInspector(c).read(row.tableSchema(), row.tableName()).orElse(null);
        if (table == null) {
            builder.drop(row.tableSchema(), row.shadowTable()); // the admission's, when it kept one
            return Optional.of("table " + row.tableSchema() + "." + row.tableName() + " does not exist any more");
        }
        boolean deferIndexes = new CopyInspector(c).estimateRows(row.tableSchema(), row.tableName()) >= deferIndexesRows;
        try {
            TableSchema shadow = built ? kept(c, row) : builder.create(statement, row.shadowTable());
            ColumnMap map = ColumnMap.of(table, shadow, statement.columnChanges());
            Map<String, ColumnType> oldTypes = ColumnType.of(c, row.tableSchema(), row.tableName());
            Map<String, ColumnType> newTypes = ColumnType.of(c, row.tableSchema(), row.shadowTable());
            ColumnTypes.Result types = ColumnTypes.of(map, oldTypes, newTypes);
            ZoneChoice.Choice zone = ZoneChoice.of(c, table, shadow, map, oldTypes, newTypes);
            List<String> refusals = new ArrayList<>(types.refusals());
            zone.refusal().ifPresent(refusals::add);
            if (!refusals.isEmpty()) {
                throw new DdlException(String.join("; ", refusals));
            }
            progress.columnMap(c, row.migrationId(), map.toJson());
            columnTypes.save(c, row.migrationId(), types.types().inServerZone(zone.serverZone()));
            if (deferIndexes) {
                indexes.defer(c, row.migrationId(), row.tableSchema(), row.shadowTable());
            }
            else {
                indexes.keep(c, row.migrationId());
            }
            return Optional.empty();
        }
        catch (DdlException e) {
            builder.drop(row.tableSchema(), row.shadowTable());
            return Optional.of(e.getMessage());
        }
        catch (SQLException e) {
            if (!ShadowTableBuilder.isRefusal(e)) {
                throw e;
            }
            return Optional.of("MySQL refuses the statement: " + e.getMessage());
        }
    }

    /** The shadow the admission kept, as it reads now. */
    private static TableSchema kept(Connection c, MigrationRow row) throws SQLException {
        return new TableInspector(c).read(row.tableSchema(), row.shadowTable()).orElseThrow(() -> new SQLException(
                "the shadow " + row.tableSchema() + "." + row.shadowTable() + " the admission built is gone"));
    }
}
