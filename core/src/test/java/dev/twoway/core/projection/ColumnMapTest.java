package dev.twoway.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.twoway.core.ddl.DdlException;
import dev.twoway.core.schema.Column;
import dev.twoway.core.schema.TableSchema;

class ColumnMapTest {
    private static Column col(String name) {
        return new Column(name, "int", false, null, false);
    }

    private static TableSchema table(List<String> pk, String... columns) {
        return new TableSchema("s", "t", java.util.Arrays.stream(columns).map(ColumnMapTest::col).toList(), pk, List.of());
    }

    @Test
    void droppedColumnIsNotMappedAndAddedColumnIsNeverWritten() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "name", "title"), table(List.of("id"), "id", "name", "age"),
                Map.of());
        assertEquals(List.of(new ColumnPair("id", "id"), new ColumnPair("name", "name")), map.pairs());
        assertEquals(List.of("id", "name"), map.projection(Direction.INVERSE).targetColumns());
    }

    @Test
    void renamesMapOldNamesToNewNamesBothWays() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "k"), table(List.of("id"), "id", "kind"), Map.of("k", "kind"));
        Projection forward = map.projection(Direction.FORWARD);
        Projection inverse = map.projection(Direction.INVERSE);
        assertEquals(List.of("id", "k"), forward.sourceFields());
        assertEquals(List.of("id", "kind"), forward.targetColumns());
        assertEquals(List.of("id", "kind"), inverse.sourceFields());
        assertEquals(List.of("id", "k"), inverse.targetColumns());
    }

    @Test
    void renamedPrimaryKeyStillIdentifiesRows() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "a"), table(List.of("uid"), "uid", "a"), Map.of("id", "uid"));
        assertEquals(List.of(new ColumnPair("id", "uid")), map.key());
    }

    @Test
    void refusesWhenNoKeyIsShared() {
        assertThrows(DdlException.class,
                () -> ColumnMap.of(table(List.of("id"), "id", "a"), table(List.of("a"), "id", "a"), Map.of()));
    }

    @Test
    void survivesAJsonRoundTrip() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "k"), table(List.of("id"), "id", "kind"), Map.of("k", "kind"));
        assertEquals(map, ColumnMap.fromJson(map.toJson()));
    }
}
