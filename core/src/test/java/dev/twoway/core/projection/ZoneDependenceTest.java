package dev.twoway.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import dev.twoway.core.schema.Column;
import dev.twoway.core.schema.ColumnType;
import dev.twoway.core.schema.TableSchema;

/** Which migrations must copy and compare in the server's zone, and which in UTC. */
class ZoneDependenceTest {
    private static final ColumnType INT = new ColumnType("int", "int", null, null, null);
    private static final ColumnType TIMESTAMP = new ColumnType("timestamp", "timestamp(3)", null, null, null);
    private static final ColumnType DATETIME = new ColumnType("datetime", "datetime(3)", null, null, null);
    private static final ColumnType DATE = new ColumnType("date", "date", null, null, null);

    @Test
    void timestampsKeptAsTheyAreDoNotDependOnTheZone() {
        assertEquals(List.of(), reasons(List.of(col("k"), col("at")), types("k", TIMESTAMP, "at", TIMESTAMP),
                List.of(col("k"), col("at")), types("k", TIMESTAMP, "at", TIMESTAMP), false, false));
    }

    @Test
    void aTimestampBecomingADatetimeOrTheOtherWayDoes() {
        List<String> toDatetime = reasons(List.of(col("k"), col("at")), types("k", INT, "at", TIMESTAMP),
                List.of(col("k"), col("at")), types("k", INT, "at", DATETIME), false, false);
        assertEquals(1, toDatetime.size(), toDatetime.toString());
        assertTrue(toDatetime.get(0).contains("`at` changes from timestamp(3) to datetime(3)"), toDatetime.get(0));
        assertEquals(1, reasons(List.of(col("k"), col("at")), types("k", INT, "at", DATE),
                List.of(col("k"), col("at")), types("k", INT, "at", TIMESTAMP), false, false).size());
    }

    @Test
    void anAddedColumnWhoseDefaultComesFromTheClockOrAnExpressionDoes() {
        List<Column> before = List.of(col("k"));
        assertEquals(1, reasons(before, types("k", INT), List.of(col("k"), def("d", "CURRENT_TIMESTAMP(3)")),
                types("k", INT, "d", DATETIME), false, false).size(), "a DATETIME's CURRENT_TIMESTAMP is the local time");
        assertEquals(1, reasons(before, types("k", INT), List.of(col("k"), def("d", "curdate()")),
                types("k", INT, "d", DATE), false, false).size(), "an expression default");
        assertEquals(List.of(), reasons(before, types("k", INT), List.of(col("k"), def("d", "CURRENT_TIMESTAMP(3)")),
                types("k", INT, "d", TIMESTAMP), false, false), "a TIMESTAMP's CURRENT_TIMESTAMP is an instant");
        assertEquals(List.of(), reasons(before, types("k", INT), List.of(col("k"), def("d", "2020-01-01 00:00:00.000")),
                types("k", INT, "d", DATETIME), false, false), "a literal default");
        assertEquals(1, reasons(List.of(col("k"), def("d", "CURRENT_TIMESTAMP(3)")), types("k", INT, "d", DATETIME),
                List.of(col("k")), types("k", INT), false, false).size(),
                "a dropped column's default, which a row inserted after the cut-over takes in the old table");
    }

    @Test
    void aComputedExpressionBesideATimestampDoesAndWithoutOneItDoesNot() {
        List<Column> columns = List.of(col("k"), col("at"));
        assertEquals(1, reasons(columns, types("k", INT, "at", TIMESTAMP), columns, types("k", INT, "at", TIMESTAMP),
                false, true).size());
        assertEquals(List.of(), reasons(columns, types("k", INT, "at", DATETIME), columns,
                types("k", INT, "at", DATETIME), true, true), "no TIMESTAMP: nothing computed depends on the zone");
    }

    private static List<String> reasons(List<Column> oldColumns, Map<String, ColumnType> oldTypes, List<Column> newColumns,
                                        Map<String, ColumnType> newTypes, boolean oldExpressions, boolean newExpressions) {
        List<ColumnPair> pairs = new ArrayList<>();
        for (Column c : oldColumns) {
            if (newColumns.stream().anyMatch(n -> n.name().equals(c.name()))) {
                pairs.add(new ColumnPair(c.name(), c.name()));
            }
        }
        ColumnMap map = new ColumnMap(pairs, List.of(new ColumnPair("k", "k")));
        return ZoneDependence.reasons(new TableSchema("s", "t", oldColumns, List.of("k"), List.of()),
                new TableSchema("s", "t_new", newColumns, List.of("k"), List.of()), map, oldTypes, newTypes,
                oldExpressions, newExpressions);
    }

    private static Column col(String name) {
        return new Column(name, "int", true, null, false);
    }

    private static Column def(String name, String defaultValue) {
        return new Column(name, "datetime(3)", true, defaultValue, false);
    }

    private static Map<String, ColumnType> types(Object... nameAndType) {
        Map<String, ColumnType> types = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (int i = 0; i < nameAndType.length; i += 2) {
            types.put((String) nameAndType[i], (ColumnType) nameAndType[i + 1]);
        }
        return types;
    }
}
