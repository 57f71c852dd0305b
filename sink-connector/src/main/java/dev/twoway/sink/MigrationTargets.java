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
 * per migration: the names and the column map never change after the shadow is built.
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

    public Target target(Route route) throws SQLException {
        Target cached = targets.get(route);
        if (cached != null) {
            return cached;
        }
        MigrationRow row = lookup.find(route.migrationId()).orElseThrow(() -> new ConnectException(
                "records are routed " + route + ", but there is no row '" + route.migrationId()
                        + "' in the migrations table"));
        Target target = resolve(route, row);
        targets.put(route, target);
        return target;
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
