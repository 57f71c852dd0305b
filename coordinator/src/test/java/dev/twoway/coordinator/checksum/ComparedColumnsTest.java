package dev.twoway.coordinator.checksum;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnPair;
import dev.twoway.core.projection.ColumnTypes;

class ComparedColumnsTest {
    private static final ColumnPair ID = new ColumnPair("id", "id");
    private static final ColumnPair K = new ColumnPair("k", "kind");
    private static final ColumnPair NAME = new ColumnPair("name", "name");
    private static final ColumnMap MAP = new ColumnMap(List.of(ID, K, NAME), List.of(ID));

    @Test
    void beforeACutoverTheLiveTableIsReadByOldNamesAndTheShadowByNewOnes() {
        ComparedColumns c = ComparedColumns.of("shop", "users", "_users_new", MAP, new ColumnTypes(List.of()), true);
        assertEquals(List.of("id", "k", "name"), c.live().columns());
        assertEquals(List.of("id", "kind", "name"), c.written().columns());
        assertEquals("_users_new", c.written().table());
        assertTrue(c.ranged());
    }

    @Test
    void beforeARevertTheLiveTableHasTheNewNames() {
        ComparedColumns c = ComparedColumns.of("shop", "users", "_users_old", MAP, new ColumnTypes(List.of()), false);
        assertEquals(List.of("id", "kind", "name"), c.live().columns());
        assertEquals(List.of("id", "k", "name"), c.written().columns());
    }

    @Test
    void aColumnWhoseTypeChangesIsLeftOutAndNamed() {
        ColumnTypes types = new ColumnTypes(List.of(column("id", "bigint"), column("k", "int", "bigint"),
                column("name", "varchar(64)")));
        ComparedColumns c = ComparedColumns.of("shop", "users", "_users_new", MAP, types, true);
        assertEquals(List.of("id", "name"), c.live().columns());
        assertEquals(List.of("k"), c.skipped());
        assertTrue(c.ranged());
    }

    @Test
    void aKeyWhoseTypeChangesIsComparedButNotInRanges() {
        ColumnTypes types = new ColumnTypes(List.of(column("id", "int", "bigint")));
        ComparedColumns c = ComparedColumns.of("shop", "users", "_users_new", MAP, types, true);
        assertEquals(List.of("id", "k", "name"), c.live().columns());
        assertFalse(c.ranged());
    }

    @Test
    void numbersAndTimesCarriedUnchangedAreHashedAsTheirTextOnBothSides() {
        ColumnPair at = new ColumnPair("at", "at");
        ColumnMap map = new ColumnMap(List.of(ID, K, NAME, at), List.of(ID));
        ColumnTypes types = new ColumnTypes(List.of(column("id", "bigint unsigned"), column("k", "int", "bigint"),
                new ColumnTypes.Column("name", "name", "varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin",
                        "varchar(64) CHARACTER SET utf8mb4 COLLATE utf8mb4_bin", "%s", "%s", null),
                column("at", "datetime(3)")));
        ComparedColumns c = ComparedColumns.of("shop", "users", "_users_new", map, types, true);
        assertEquals(java.util.Set.of("id", "at"), c.live().plain());
        assertEquals(java.util.Set.of("id", "at"), c.written().plain());
    }

    @Test
    void aKeyWhoseTypeChangesIsNotPlainOnEitherSide() {
        ColumnTypes types = new ColumnTypes(List.of(column("id", "int", "varchar(20)")));
        ComparedColumns c = ComparedColumns.of("shop", "users", "_users_new", MAP, types, true);
        assertTrue(c.live().plain().isEmpty());
        assertTrue(c.written().plain().isEmpty());
    }

    private static ColumnTypes.Column column(String name, String type) {
        return column(name, type, type);
    }

    private static ColumnTypes.Column column(String name, String from, String to) {
        return new ColumnTypes.Column(name, name, from, to, "%s", "%s", null);
    }
}
