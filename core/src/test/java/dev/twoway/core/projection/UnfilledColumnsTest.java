package dev.twoway.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.schema.Column;
import dev.twoway.core.schema.TableSchema;

/** A new column that no old column fills and that has no value of its own is refused before the copy. */
class UnfilledColumnsTest {
    private static final Column ID = new Column("id", "int", false, null, false, true);
    private static final TableSchema OLD = new TableSchema("s", "t", List.of(ID, new Column("a", "int", true, null, false)),
            List.of("id"), List.of());

    private static List<String> refusals(String change, Column... added) {
        List<Column> columns = new java.util.ArrayList<>(OLD.columns());
        columns.addAll(List.of(added));
        TableSchema neu = new TableSchema("s", "t", columns, List.of("id"), List.of());
        ColumnMap map = ColumnMap.of(OLD, neu, AlterStatement.parse("ALTER TABLE s.t " + change, null).columnChanges());
        return UnfilledColumns.refusals(neu, map);
    }

    @Test
    void aColumnAddedNotNullWithoutADefaultIsRefusedWithItsName() {
        List<String> refusals = refusals("ADD COLUMN n INT NOT NULL", new Column("n", "int", false, null, false));
        assertEquals(1, refusals.size());
        assertTrue(refusals.get(0).contains("`n`") && refusals.get(0).contains("NOT NULL without a DEFAULT"),
                refusals.get(0));
    }

    @Test
    void aDefaultANullableColumnAGeneratedColumnOrAnAutoIncrementOneIsFilledByMySql() {
        assertEquals(List.of(), refusals("ADD COLUMN n INT NOT NULL DEFAULT 0", new Column("n", "int", false, "0", false)));
        assertEquals(List.of(), refusals("ADD COLUMN n INT NULL", new Column("n", "int", true, null, false)));
        assertEquals(List.of(), refusals("ADD COLUMN g INT AS (a + 1) NOT NULL", new Column("g", "int", false, null, true)));
        assertEquals(List.of(), refusals("ADD COLUMN n INT NOT NULL AUTO_INCREMENT",
                new Column("n", "int", false, null, false, true)));
    }

    @Test
    void aColumnMadeNotNullFromAnOldOneIsFilledByTheCopy() {
        TableSchema neu = new TableSchema("s", "t", List.of(ID, new Column("a", "int", false, null, false)),
                List.of("id"), List.of());
        ColumnMap map = ColumnMap.of(OLD, neu, AlterStatement.parse("ALTER TABLE s.t MODIFY a INT NOT NULL", null)
                .columnChanges());
        assertEquals(List.of(), UnfilledColumns.refusals(neu, map));
    }
}
