package dev.twoway.source;

import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.source.SourceRecord;

import dev.twoway.smt.MarkerRouter;

/**
 * Keeps a routed marker only when this connector captures the table it is about. The markers
 * table is shared by every migration on the server, and a marker for a table this connector
 * does not stream would only make a topic that holds nothing but markers.
 */
final class CapturedMarkers {
    private final CaptureFilter captured;

    CapturedMarkers(CaptureFilter captured) {
        this.captured = captured;
    }

    /** The filter of the connector configured by {@code props} (with twoway's defaults applied). */
    static CapturedMarkers of(Map<String, String> props) {
        return new CapturedMarkers(CaptureFilter.of(props));
    }

    boolean keeps(SourceRecord record) {
        Header kind = record.headers().lastWithName(MarkerRouter.KIND);
        if (kind == null || !(record.value() instanceof Struct value) || value.schema().field("after") == null) {
            return true;
        }
        Struct after = value.getStruct("after");
        return after == null || captured.captures(after.getString("table_schema"), after.getString("table_name"));
    }
}
