package dev.twoway.sink;

import java.sql.SQLException;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.connect.errors.ConnectException;

import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.Direction;
import dev.twoway.core.state.MigrationRow;

/**
 * Resolves a route to the table it writes: forward to the migration's shadow table, inverse to
 * its old table, both in the migrated table's schema. Rows of {@code migrations} are read once
 * per run of a migration: the names and the column map never change after the shadow is built,
 * but a migration id deployed again after its row was deleted is a new run, maybe of another
 * statement, so a start marker forgets what was read ({@link #forget}).
 */
public final class MigrationTargets {
    /** Reads one row of {@code migrations}. */
    @FunctionalInterface
    public interface Lookup {
        Optional<MigrationRow> find(String migrationId) throws SQLException;
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

    private static Target resolve(Route route, MigrationRow row) {
        ColumnMap columns;
        try {
            columns = ColumnMap.fromJson(row.columnMap());
        }
        catch (RuntimeException e) {
            throw new ConnectException("migration '" + row.migrationId() + "' has no usable column map: "
                    + e.getMessage(), e);
        }
        String table = route.direction() == Direction.FORWARD ? row.shadowTable() : row.oldTable();
        return new Target(route, row.tableSchema(), table, columns.projection(route.direction()));
    }
}
