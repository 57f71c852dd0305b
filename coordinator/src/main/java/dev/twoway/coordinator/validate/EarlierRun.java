package dev.twoway.coordinator.validate;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.twoway.coordinator.sidecar.MySqlTables;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.state.CopyKeyRangeStore;
import dev.twoway.core.state.CopyRangeStore;
import dev.twoway.core.state.MarkerLookup;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MarkerStore;
import dev.twoway.core.state.SinkRoutes;
import dev.twoway.core.state.TableNames;

/**
 * What an earlier run under a migration id left behind, found when the id has no state row (it
 * was deleted, and the migration deployed again): markers, copy ranges, a sink's route, a shadow,
 * old or retired table. The coordinator decides by these, so a new run on top of them would skip
 * building its shadow and copy into nothing (seen: "Table '…_new' doesn't exist", forever).
 *
 * <p>Before a cut-over an earlier run made nothing but scratch work (its shadow, markers, ranges),
 * and the new run starts clean ({@code step.EarlierRunCleanup}). After one, the table is live in the
 * statement's schema and the old table holds the rows as they were: running again could apply
 * the statement twice or lose those rows, so the id is refused with what was found. Only reads.
 */
public final class EarlierRun {
    /** A table an earlier run may have worked on. */
    public record Table(String schema, String name) {
    }

    private final List<String> leftovers;
    private final List<String> refusals;
    private final List<String> routes;
    private final List<Table> tables;

    private EarlierRun(List<String> leftovers, List<String> refusals, List<String> routes, List<Table> tables) {
        this.leftovers = leftovers;
        this.refusals = refusals;
        this.routes = routes;
        this.tables = tables;
    }

    /**
     * What is left of an earlier run of {@code migrationId}: on the statement's table ({@code
     * statementTable}, null when the statement names none) and on every table its markers name
     * (an earlier statement may have named another one).
     */
    public static EarlierRun find(Connection c, String sidecar, String migrationId, Table statementTable)
            throws SQLException {
        List<String> leftovers = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        MarkerStore markers = new MarkerStore(sidecar);
        int count = markers.count(c, migrationId);
        if (count > 0) {
            leftovers.add(count + " marker(s)");
        }
        if (!new CopyRangeStore(sidecar).list(c, migrationId).isEmpty()
                || !new CopyKeyRangeStore(sidecar).list(c, migrationId).isEmpty()) {
            leftovers.add("its copy ranges");
        }
        Optional<MarkerRow> swap = new MarkerLookup(sidecar).latestDoneSwap(c, migrationId);
        swap.ifPresent(m -> refusals.add("it cut over (" + m.kind().wireName() + " marker " + m.markerId() + " is done)"));
        Set<Table> tables = new LinkedHashSet<>();
        markers.tables(c, migrationId).forEach(t -> tables.add(new Table(t[0], t[1])));
        if (statementTable != null) {
            tables.add(statementTable);
        }
        for (Table table : tables) {
            inspect(c, migrationId, table, leftovers, refusals);
        }
        return new EarlierRun(List.copyOf(leftovers), List.copyOf(refusals),
                new SinkRoutes(sidecar).routing(c, migrationId), List.copyOf(tables));
    }

    private static void inspect(Connection c, String migrationId, Table table, List<String> leftovers,
                                List<String> refusals) throws SQLException {
        TableInspector inspector = new TableInspector(c);
        String shadow = TableNames.shadow(table.name(), migrationId);
        if (inspector.exists(table.schema(), shadow)) {
            leftovers.add("shadow table " + table.schema() + "." + shadow);
        }
        String old = TableNames.old(table.name(), migrationId);
        if (new MySqlTables(c).isSentry(table.schema(), old)) {
            leftovers.add("sentry table " + table.schema() + "." + old);
        }
        else if (inspector.exists(table.schema(), old)) {
            refusals.add("its old table " + table.schema() + "." + old + " holds the table as it was before the "
                    + "cut over");
        }
        holds(c, table, migrationId).forEach(hold -> refusals.add("it retired the table as " + table.schema()
                + "." + hold));
    }

    /** Why the id cannot run again, if it cannot. */
    public Optional<String> refusal(String migrationId) {
        if (refusals.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of("migration id '" + migrationId + "' was used before and its state row is gone, but "
                + String.join("; ", refusals) + ". Running it again could apply the statement twice or lose those "
                + "rows, so nothing was done: use a new migration.id");
    }

    /** Nothing is left: the id was never used, or was cleaned up. */
    public boolean clean() {
        return leftovers.isEmpty() && routes.isEmpty();
    }

    /** What was found, in words, for the log. */
    public String describe() {
        List<String> all = new ArrayList<>(leftovers);
        routes.forEach(route -> all.add("route of " + route));
        return String.join(", ", all);
    }

    /** Whether a sink's stored progress still routes records along the migration. */
    public boolean routed() {
        return !routes.isEmpty();
    }

    /** The tables the earlier run may have made a shadow or a sentry beside, the marker's table first. */
    public List<Table> tables() {
        return tables;
    }

    private static List<String> holds(Connection c, Table table, String migrationId) throws SQLException {
        List<String> holds = new ArrayList<>();
        try (PreparedStatement s = c.prepareStatement(
                "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = ?")) {
            s.setString(1, table.schema());
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    if (TableNames.isHold(rs.getString(1), table.name(), migrationId)) {
                        holds.add(rs.getString(1));
                    }
                }
            }
        }
        return holds;
    }
}
