package dev.twoway.sink;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.twoway.core.Sql;
import dev.twoway.core.jdbc.GrantSet;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.topic.Subscription;

/**
 * The sink's validate(): whether its MySQL user holds what the README's grants give it, named
 * privilege by privilege. On the sidecar: CREATE, SELECT, INSERT, UPDATE (its progress, the
 * markers it reaches, its registration). On every database it will write to: SELECT, INSERT,
 * UPDATE, DELETE; those it can know of now are the databases its {@code topics} list names and
 * those of migrations under way whose table's topic it takes (any other is checked at the
 * migration's start marker, see {@link StartGrants}). Only reads.
 */
final class SinkGrantsCheck {
    static final List<String> SIDECAR = List.of("CREATE", "SELECT", "INSERT", "UPDATE");

    private SinkGrantsCheck() {
    }

    static List<String> problems(Connection c, String sidecar, String connector, Subscription subscription)
            throws SQLException {
        GrantSet grants = GrantSet.current(c);
        List<String> problems = new ArrayList<>();
        List<String> missing = grants.missingOn(sidecar, SIDECAR);
        if (!missing.isEmpty()) {
            problems.add("lacks " + String.join(", ", missing) + " on the sidecar database " + Sql.quote(sidecar)
                    + ": GRANT " + String.join(", ", SIDECAR) + " ON " + escaped(sidecar) + ".* to it");
        }
        for (Map.Entry<String, String> database : databases(c, sidecar, connector, subscription).entrySet()) {
            missing = grants.missingOn(database.getKey(), StartGrants.NEEDED);
            if (!missing.isEmpty()) {
                problems.add("lacks " + String.join(", ", missing) + " on " + Sql.quote(database.getKey()) + " ("
                        + database.getValue() + "): GRANT " + String.join(", ", StartGrants.NEEDED) + " ON "
                        + escaped(database.getKey()) + ".* to it");
            }
        }
        return problems;
    }

    /** Database to why the sink writes there. */
    private static Map<String, String> databases(Connection c, String sidecar, String connector,
                                                 Subscription subscription) throws SQLException {
        Map<String, String> databases = new LinkedHashMap<>();
        subscription.listedDatabases().forEach(db -> databases.put(db, "named by its topics"));
        if (!new TableInspector(c).exists(sidecar, "migrations")) {
            return databases;
        }
        Set<String> prefixes = prefixes(c, sidecar, connector);
        String sql = "SELECT migration_id, table_schema, table_name FROM " + Sql.qualified(sidecar, "migrations")
                + " WHERE state IN ('queued', 'running', 'ready', 'complete', 'reverted')";
        try (PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                String topic = subscription.coveredTopic(rs.getString(2), rs.getString(3), prefixes);
                if (topic != null) {
                    databases.putIfAbsent(rs.getString(2), "migration '" + rs.getString(1) + "' of its topic " + topic);
                }
            }
        }
        return databases;
    }

    private static Set<String> prefixes(Connection c, String sidecar, String connector) throws SQLException {
        Set<String> prefixes = new LinkedHashSet<>();
        if (!new TableInspector(c).exists(sidecar, "sink_progress")) {
            return prefixes;
        }
        try (PreparedStatement s = c.prepareStatement("SELECT DISTINCT topic FROM "
                + Sql.qualified(sidecar, "sink_progress") + " WHERE connector = ?")) {
            s.setString(1, connector);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    String prefix = Subscription.prefixOf(rs.getString(1));
                    if (prefix != null) {
                        prefixes.add(prefix);
                    }
                }
            }
        }
        return prefixes;
    }

    private static String escaped(String database) {
        return Sql.quote(database.replace("_", "\\_").replace("%", "\\%"));
    }
}
