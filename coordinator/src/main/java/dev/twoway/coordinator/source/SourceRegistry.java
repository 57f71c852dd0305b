package dev.twoway.coordinator.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;

import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.SourceRow;
import dev.twoway.core.state.SourceStore;

/** Reads the sources' rows and has {@link SourceCoverage} decide whether a table's changes stream. */
public final class SourceRegistry {
    private final String sidecar;
    private final SourceStore store;
    private final SourceCoverage coverage = new SourceCoverage();

    public SourceRegistry(String sidecar) {
        this.sidecar = sidecar;
        this.store = new SourceStore(sidecar);
    }

    public Coverage coverage(Connection c, String database, String table) throws SQLException {
        List<SourceRow> rows = new TableInspector(c).exists(sidecar, "sources") ? store.all(c) : List.of();
        return coverage.of(rows, (connector, db, t) -> knows(c, connector, db, t), database, table);
    }

    private Optional<Boolean> knows(Connection c, String connector, String database, String table) {
        try {
            return store.knows(c, connector, database, table);
        }
        catch (SQLException e) {
            return Optional.empty(); // unknown is not "no": never refuse on a failed read
        }
    }
}
