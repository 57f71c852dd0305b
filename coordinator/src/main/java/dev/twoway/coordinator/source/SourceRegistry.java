package dev.twoway.coordinator.source;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
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

    /** For a new migration: also whether another table shares the table's topic (lists the database's tables). */
    public Coverage admission(Connection c, String database, String table) throws SQLException {
        return coverage(c, database, table, true);
    }

    /** While a migration runs, once a second: the sources alone. */
    public Coverage streaming(Connection c, String database, String table) throws SQLException {
        return coverage(c, database, table, false);
    }

    private Coverage coverage(Connection c, String database, String table, boolean topics) throws SQLException {
        List<SourceRow> rows = new TableInspector(c).exists(sidecar, "sources") ? store.all(c) : List.of();
        return coverage.of(rows, new SourceCoverage.Knowledge() {
            @Override
            public Optional<Boolean> knows(String connector, String db, String t) {
                return SourceRegistry.this.knows(c, connector, db, t);
            }

            @Override
            public List<String> tables(String db) {
                return topics ? SourceRegistry.this.tables(c, db) : List.of();
            }
        }, database, table);
    }

    private List<String> tables(Connection c, String database) {
        List<String> names = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ? AND TABLE_TYPE = 'BASE TABLE'")) {
            s.setString(1, database);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
        }
        catch (SQLException e) {
            return List.of(); // unknown is not "shared": never refuse on a failed read
        }
        return names;
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
