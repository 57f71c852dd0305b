package dev.twoway.source;

import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

import dev.twoway.smt.MarkerRouter;
import io.debezium.config.Configuration;
import io.debezium.connector.mysql.MySqlConnectorConfig;
import io.debezium.relational.TableId;
import io.debezium.relational.Tables;

/**
 * Keeps a routed marker only when this connector captures the table it is about. The markers
 * table is shared by every migration on the server, and a marker for a table this connector
 * does not stream would only make a topic that holds nothing but markers.
 */
final class CapturedMarkers {
    private final Tables.TableFilter captured;

    private CapturedMarkers(Tables.TableFilter captured) {
        this.captured = captured;
    }

    /** The filter of the connector configured by {@code props} (with twoway's defaults applied). */
    static CapturedMarkers of(Map<String, String> props) {
        return new CapturedMarkers(new MySqlConnectorConfig(Configuration.from(props)).getTableFilters().dataCollectionFilter());
    }

    boolean keeps(SourceRecord record) {
        Header kind = record.headers().lastWithName(MarkerRouter.KIND);
        if (kind == null || !(record.value() instanceof Struct value) || value.schema().field("after") == null) {
            return true;
        }
        Struct after = value.getStruct("after");
        return after == null || captured.isIncluded(new TableId(after.getString("table_schema"), null,
                after.getString("table_name")));
    }
}
