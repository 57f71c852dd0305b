package dev.twoway.smt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class MarkerRouterTest {
    private final MarkerRouter<SourceRecord> router = configured(Map.of());

    @Test
    void routesAMarkerInsertToItsTablesTopicWithMarkerHeaders() {
        SourceRecord in = DebeziumRecords.markerChange("c", null, DebeziumRecords.marker(42, "cutover"));

        SourceRecord out = router.apply(in);

        assertEquals("twoway.shop.orders", out.topic());
        assertNull(out.kafkaPartition());
        assertEquals("cutover", header(out, MarkerRouter.KIND));
        assertEquals("42", header(out, MarkerRouter.ID));
        assertEquals("m1", header(out, MarkerRouter.MIGRATION));
        assertSame(in.key(), out.key());
        assertSame(in.value(), out.value());
        assertSame(in.sourceOffset(), out.sourceOffset());
    }

    @Test
    void routesSnapshotReadsOfMarkersLikeInserts() {
        SourceRecord out = router.apply(DebeziumRecords.markerChange("r", null, DebeziumRecords.marker(1, "start")));

        assertEquals("twoway.shop.orders", out.topic());
        assertEquals("start", header(out, MarkerRouter.KIND));
    }

    @Test
    void dropsUpdatesDeletesAndTombstonesOfMarkerRows() {
        Struct row = DebeziumRecords.marker(42, "cutover");
        assertNull(router.apply(DebeziumRecords.markerChange("u", row, row)));
        assertNull(router.apply(DebeziumRecords.markerChange("d", row, null)));
        SourceRecord tombstone = new SourceRecord(null, null, "twoway._twoway.markers", 0, null, null, null, null);
        assertNull(router.apply(tombstone));
    }

    @Test
    void passesOtherRecordsUnchanged() {
        SourceRecord data = DebeziumRecords.orderInsert("uuid:3");
        assertSame(data, router.apply(data));

        SourceRecord otherSidecarTable = DebeziumRecords.change("twoway._twoway.migrations", DebeziumRecords.ROW, "c",
                null, new Struct(DebeziumRecords.ROW).put("id", 1), DebeziumRecords.source("_twoway", "migrations", "u:1"));
        assertSame(otherSidecarTable, router.apply(otherSidecarTable));

        SourceRecord tombstone = new SourceRecord(null, null, "twoway.shop.orders", 0, null, null, null, null);
        assertSame(tombstone, router.apply(tombstone));
    }

    @Test
    void usesTheConfiguredSidecarDatabase() {
        MarkerRouter<SourceRecord> custom = configured(Map.of(MarkerRouter.DATABASE, "ops"));
        SourceRecord defaultSidecar = DebeziumRecords.markerChange("c", null, DebeziumRecords.marker(5, "sync"));

        assertSame(defaultSidecar, custom.apply(defaultSidecar));
    }

    @Test
    void keepsAMultiPartPrefix() {
        SourceRecord in = DebeziumRecords.markerChange("c", null, DebeziumRecords.marker(3, "sync"));
        SourceRecord renamed = in.newRecord("prod.eu.twoway._twoway.markers", 0, in.keySchema(), in.key(),
                in.valueSchema(), in.value(), in.timestamp());

        assertEquals("prod.eu.twoway.shop.orders", router.apply(renamed).topic());
    }

    @Test
    void refusesAMarkerWhoseTopicLostTheMarkersSuffix() {
        SourceRecord in = DebeziumRecords.markerChange("c", null, DebeziumRecords.marker(3, "sync"));
        SourceRecord renamed = in.newRecord("all-changes", 0, in.keySchema(), in.key(),
                in.valueSchema(), in.value(), in.timestamp());

        DataException e = assertThrows(DataException.class, () -> router.apply(renamed));
        assertTrue(e.getMessage().contains("'all-changes'"), e.getMessage());
    }

    @Test
    void aTableWhoseNameIsNoTopicNameGoesToTheTopicDebeziumNamesForIt() {
        for (String[] table : new String[][] {{"order items", "twoway.shop.order_items"},
                {"caf\u00e9-r\u00e9sum\u00e9", "twoway.shop.caf_-r_sum_"}, {"a.b", "twoway.shop.a.b"},
                {"select", "twoway.shop.select"}, {"x`y", "twoway.shop.x_y"}}) {
            SourceRecord in = DebeziumRecords.markerChange("c", null, DebeziumRecords.marker(8, "start").put("table_name", table[0]));

            assertEquals(table[1], router.apply(in).topic(), table[0]);
        }
    }

    @Test
    void theConnectorsPrefixAndNamingOptionsDecideWhenGiven() {
        MarkerRouter<SourceRecord> named = configured(Map.of("topic.prefix", "prod", "topic.delimiter", "_"));
        SourceRecord in = DebeziumRecords.markerChange("c", null, DebeziumRecords.marker(9, "sync"));

        assertEquals("prod_shop_orders", named.apply(in).topic());
    }

    @Test
    void aMarkerWithoutItsTableIsUnroutableAndNamesItself() {
        SourceRecord in = DebeziumRecords.markerChange("c", null, new Struct(DebeziumRecords.MARKER_OPTIONAL_TABLE)
                .put("marker_id", 11L).put("migration_id", "m7").put("kind", "start").put("table_schema", "shop"));

        UnroutableMarkerException e = assertThrows(UnroutableMarkerException.class, () -> router.apply(in));
        assertEquals("11", e.markerId());
        assertEquals("m7", e.migrationId());
        assertTrue(e.getMessage().contains("table_name"), e.getMessage());
    }

    private static MarkerRouter<SourceRecord> configured(Map<String, ?> config) {
        MarkerRouter<SourceRecord> router = new MarkerRouter<>();
        router.configure(config);
        return router;
    }

    private static Object header(SourceRecord record, String key) {
        return record.headers().lastWithName(key).value();
    }
}
