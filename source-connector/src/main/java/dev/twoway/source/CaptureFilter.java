package dev.twoway.source;

import java.util.Map;

import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.relational.TableId;
import io.debezium.relational.Tables;

/**
 * Whether the connector configured by {@code props} captures a table, decided by Debezium's own
 * filter classes, so twoway never disagrees with what Debezium streams.
 */
final class CaptureFilter {
    private final Tables.TableFilter filter;

    private CaptureFilter(Tables.TableFilter filter) {
        this.filter = filter;
    }

    static CaptureFilter of(Map<String, String> props) {
        return new CaptureFilter(new MySqlConnectorConfig(Configuration.from(props)).getTableFilters().dataCollectionFilter());
    }

    boolean captures(String database, String table) {
        return filter.isIncluded(new TableId(database, null, table));
    }

    /**
     * The same for a name as Debezium's metrics give it, {@code db.table}: split at the first dot,
     * as MySQL database names seldom hold one and table names may.
     */
    boolean captures(String qualified) {
        int dot = qualified.indexOf('.');
        return dot > 0 && captures(qualified.substring(0, dot), qualified.substring(dot + 1));
    }
}
