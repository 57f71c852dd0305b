package dev.twoway.coordinator.step;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.validate.EarlierRun;
import dev.twoway.coordinator.validate.MigrationValidation;
import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.DdlException;
import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnTypes;
import dev.twoway.core.projection.UnfilledColumns;
import dev.twoway.core.schema.ColumnType;
import dev.twoway.core.schema.TableSchema;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;
import dev.twoway.core.state.MigrationStore;
import dev.twoway.core.state.TableNames;

/**
 * Step 1: a migration without a row is validated again (things may have changed since the
 * connector's validate()), what an earlier run under its id left is cleaned up or refuses it
 * ({@link EarlierRun}), its statement is tried on a scratch copy of the table, and its row is
 * inserted: queued when everything holds, failed with every reason otherwise. A refused
 * migration leaves nothing behind but its row.
 */
public final class MigrationAdmission {
    private final String migrationId;
    private final String sidecar;
    private final Transitions transitions;
    private final EarlierRunCleanup cleanup;

    /** {@code waitMs}: how long to wait for the sink to pass the stop marker of an earlier run under the id. */
    public MigrationAdmission(String migrationId, String sidecar, Transitions transitions, long waitMs) {
        this.migrationId = migrationId;
        this.sidecar = sidecar;
        this.transitions = transitions;
        this.cleanup = new EarlierRunCleanup(migrationId, sidecar, waitMs);
    }

    public void admit(Connection c, String ddl) throws SQLException {
        MigrationValidation.Result validation = new MigrationValidation(sidecar).check(c, ddl, migrationId);
        List<String> problems = new ArrayList<>(validation.problems());
        AlterStatement statement = validation.statement();
        EarlierRun earlier = EarlierRun.find(c, sidecar, migrationId,
                statement == null ? null : new EarlierRun.Table(statement.schema(), statement.table()));
        earlier.refusal(migrationId).ifPresent(problems::add);
        String columnMap = "";
        if (statement != null && validation.table() != null && problems.isEmpty()) {
            if (!earlier.clean()) {
                cleanup.clean(c, earlier);
            }
            try {
                columnMap = tryOnScratch(c, validation.statement(), validation.table()).toJson();
            }
            catch (DdlException e) {
                problems.add(e.getMessage());
            }
            catch (SQLException e) {
                if (!ShadowTableBuilder.isRefusal(e)) {
                    throw e;
                }
                problems.add("MySQL refuses the statement: " + e.getMessage());
            }
        }
        insert(c, ddl, validation.statement(), columnMap, problems);
    }

    /** Applies the statement to a scratch table named like the shadow (none exists: see above); dropped whatever happens. */
    private ColumnMap tryOnScratch(Connection c, AlterStatement statement, TableSchema table) throws SQLException {
        ShadowTableBuilder builder = new ShadowTableBuilder(c);
        String scratch = TableNames.shadow(statement.table(), migrationId);
        try {
            TableSchema altered = builder.create(statement, scratch);
            ColumnMap map = ColumnMap.of(table, altered, statement.columnChanges());
            List<String> refusals = new ArrayList<>(UnfilledColumns.refusals(altered, map));
            refusals.addAll(ColumnTypes.of(map, ColumnType.of(c, statement.schema(), statement.table()),
                    ColumnType.of(c, statement.schema(), scratch)).refusals());
            if (!refusals.isEmpty()) {
                throw new DdlException(String.join("; ", refusals));
            }
            return map;
        }
        finally {
            builder.drop(statement.schema(), scratch);
        }
    }

    private void insert(Connection c, String ddl, AlterStatement statement, String columnMap, List<String> problems)
            throws SQLException {
        String schema = statement == null ? "" : statement.schema();
        String table = statement == null ? "" : statement.table();
        MigrationRow row = MigrationRow.queued(migrationId, schema, table, ddl,
                table.isEmpty() ? "" : TableNames.shadow(table, migrationId),
                table.isEmpty() ? "" : TableNames.old(table, migrationId), columnMap);
        if (!transitions.insert(row)) {
            return;
        }
        if (problems.isEmpty()) {
            problems.addAll(racingHolders(c, schema, table));
        }
        if (!problems.isEmpty()) {
            transitions.move(MigrationState.QUEUED, MigrationState.FAILED, "refused", String.join("; ", problems));
        }
    }

    /** Another migration of the table inserted its row between our check and our insert: both refuse. */
    private List<String> racingHolders(Connection c, String schema, String table) throws SQLException {
        List<String> problems = new ArrayList<>();
        for (MigrationRow other : new MigrationStore(sidecar).holding(c, schema, table)) {
            if (!other.migrationId().equals(migrationId)) {
                problems.add("table " + schema + "." + table + " is held by migration '" + other.migrationId()
                        + "', which started at the same time");
            }
        }
        return problems;
    }
}
