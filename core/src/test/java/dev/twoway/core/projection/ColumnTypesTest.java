package dev.twoway.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The stored form of a migration's types keeps its zone, and reads what earlier versions stored. */
class ColumnTypesTest {
    private static final ColumnTypes.Column AT = new ColumnTypes.Column("at", "at", "timestamp(3)", "timestamp(3)",
            "%s", "%s", "%s");

    @Test
    void theZoneSurvivesTheStoredForm() {
        ColumnTypes utc = new ColumnTypes(List.of(AT), false);
        assertEquals(utc, ColumnTypes.fromJson(utc.toJson()));
        assertFalse(ColumnTypes.fromJson(utc.toJson()).serverZone());
        assertTrue(ColumnTypes.fromJson(utc.inServerZone(true).toJson()).serverZone());
    }

    @Test
    void typesStoredBeforeTheZoneWasAreInTheServersZoneAsThen() {
        String earlier = "[{\"oldName\":\"at\",\"newName\":\"at\",\"oldType\":\"timestamp(3)\",\"newType\":\"timestamp(3)\","
                + "\"forward\":\"%s\",\"inverse\":\"%s\",\"comparable\":\"%s\"}]";
        assertEquals(new ColumnTypes(List.of(AT), true), ColumnTypes.fromJson(earlier));
        assertTrue(ColumnTypes.fromJson(null).serverZone());
    }
}
