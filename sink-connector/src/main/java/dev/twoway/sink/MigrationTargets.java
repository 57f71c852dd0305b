package dev.twoway.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;

import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnTypes;
import dev.twoway.core.projection.Direction;
import dev.twoway.core.projection.Projection;
import dev.twoway.core.projection.StagedWrite;
import dev.twoway.core.state.MigrationRow;

/**
 * Resolves a route to the table it writes: forward to the migration's shadow table, inverse to
 * its old table, both in the migrated table's schema. Rows of {@code migrations} are read once
 * per run of a migration: the names, the column map and the types never change after the shadow
 * is built, but a migration id deployed again after its row was deleted is a new run, maybe of
 * another statement, so a start marker forgets what was read ({@link #forget}).
 */
public final class MigrationTargets {
    /** What a target is made of: the migration's row, its column types, the table's ON UPDATE columns. */
    public interface Lookup {
        Optional<MigrationRow> find(String migrationId) throws SQLException;

        ColumnTypes columnTypes(String migrationId) throws SQLException;

        List<String> onUpdateColumns(String schema, String table) throws SQLException;

        /** What decides whether the table's writes of different keys commute; unknown: none commute. */
        default Optional<TableFacts> tableFacts(String schema, String table) throws SQLException {
            return Optional.empty();
        }
    }

    private final Lookup lookup;
    private final Map<Route, Target> targets = new HashMap<>();

    public MigrationTargets(Lookup lookup) {
        this.lookup = lookup;
    }

    /** The route's table, or empty when the migration has no row (it was deleted). */
    public Optional<Target> find(Route route) throws SQLException {
        Target cached = targets.get(route);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<MigrationRow> row = lookup.find(route.migrationId());
        if (row.isEmpty()) {
            return Optional.empty();
        }
        Target target = resolve(route, row.get());
        targets.put(route, target);
        return Optional.of(target);
    }

    /** Reads the migration's row again at its next record: a start marker begins a (maybe new) run. */
    public void forget(String migrationId) {
        targets.keySet().removeIf(route -> route.migrationId().equals(migrationId));
    }

    private Target resolve(Route route, MigrationRow row) throws SQLException {
        ColumnMap columns;
        try {
            columns = ColumnMap.fromJson(row.columnMap());
        }
        catch (RuntimeException e) {
            throw new ConnectException("migration '" + row.migrationId() + "' has no usable column map: "
                    + e.getMessage(), e);
        }
        String table = route.direction() == Direction.FORWARD ? row.shadowTable() : row.oldTable();
        Projection projection = columns.projection(route.direction());
        List<String> keep = new ArrayList<>();
        for (String column : lookup.onUpdateColumns(row.tableSchema(), table)) {
            if (projection.targetColumns().stream().noneMatch(column::equalsIgnoreCase)) {
                keep.add(column);
            }
        }
        ColumnTypes types = lookup.columnTypes(row.migrationId());
        StagedWrite staging = staging(route, row, projection, types);
        return new Target(route, row.tableSchema(), table, projection, List.copyOf(keep), staging,
                staging == null ? null : comparables(route, projection, types), row.tableName(),
                independentKeys(row.tableSchema(), table, projection, staging), types.serverZone());
    }

    /** Whether the target's writes of different keys commute (its key unconverted, see {@link KeyIndependence}). */
    private boolean independentKeys(String schema, String table, Projection projection, StagedWrite staging)
            throws SQLException {
        Optional<TableFacts> facts = lookup.tableFacts(schema, table);
        if (facts.isEmpty()) {
            return false;
        }
        List<String> key = projection.keyTargetColumns();
        boolean converted = staging != null && key.stream()
                .map(k -> staging.conversions().get(projection.targetColumns().indexOf(k)))
                .anyMatch(conversion -> !"%s".equals(conversion));
        return KeyIndependence.holds(facts.get(), key, converted);
    }

    /** Forward, how each converted value compares in the shadow; inverse, as it is (no conversion to compare). */
    private static List<String> comparables(Route route, Projection projection, ColumnTypes types) {
        if (route.direction() != Direction.FORWARD) {
            return null;
        }
        return projection.sourceFields().stream().map(f -> types.forOld(f).map(ColumnTypes.Column::comparable)
                .orElse("%s")).toList();
    }

    /**
     * The staging of a migration that changes a mapped column's type: a temporary table of the
     * source side's types (old forward, new inverse), and each column's conversion that way.
     */
    private static StagedWrite staging(Route route, MigrationRow row, Projection projection, ColumnTypes types) {
        if (!types.anyConverted()) {
            return null;
        }
        boolean forward = route.direction() == Direction.FORWARD;
        List<String> definitions = new ArrayList<>();
        List<String> conversions = new ArrayList<>();
        for (String field : projection.sourceFields()) {
            ColumnTypes.Column column = (forward ? types.forOld(field) : types.forNew(field)).orElseThrow(() ->
                    new ConnectException("migration '" + row.migrationId() + "' has no type for column " + field));
            definitions.add(forward ? column.oldType() : column.newType());
            conversions.add(forward ? column.forward() : column.inverse());
        }
        String name = "_twoway_stage_" + Integer.toHexString((row.migrationId() + "/" + route.direction()).hashCode());
        return new StagedWrite(row.tableSchema(), name, List.copyOf(definitions), List.copyOf(conversions),
                types.serverZone());
    }
}
