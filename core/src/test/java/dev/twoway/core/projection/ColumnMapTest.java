package dev.twoway.core.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.ColumnChanges;
import dev.twoway.core.ddl.DdlException;
import dev.twoway.core.schema.Column;
import dev.twoway.core.schema.TableSchema;

/** The column mapping follows MySQL's reading of the statement, checked on statements parsed for real. */
class ColumnMapTest {
    private static Column col(String name) {
        return new Column(name, "int", false, null, false);
    }

    private static TableSchema table(List<String> pk, String... columns) {
        return new TableSchema("s", "t", Arrays.stream(columns).map(ColumnMapTest::col).toList(), pk, List.of());
    }

    private static ColumnChanges changes(String change) {
        return AlterStatement.parse("ALTER TABLE s.t " + change, null).columnChanges();
    }

    private static List<ColumnPair> pairs(String... oldAndNew) {
        List<ColumnPair> pairs = new java.util.ArrayList<>();
        for (int i = 0; i < oldAndNew.length; i += 2) {
            pairs.add(new ColumnPair(oldAndNew[i], oldAndNew[i + 1]));
        }
        return pairs;
    }

    @Test
    void droppedColumnIsNotMappedAndAddedColumnIsNeverWritten() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "name", "title"), table(List.of("id"), "id", "name", "age"),
                changes("DROP COLUMN title, ADD COLUMN age INT"));
        assertEquals(pairs("id", "id", "name", "name"), map.pairs());
        assertEquals(List.of("id", "name"), map.projection(Direction.INVERSE).targetColumns());
    }

    @Test
    void aColumnDroppedAndAddedUnderItsNameIsANewColumn() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "c1"), table(List.of("id"), "id", "c1"),
                changes("DROP COLUMN c1, ADD COLUMN c1 INT NOT NULL DEFAULT 47"));
        assertEquals(pairs("id", "id"), map.pairs(), "the new c1 takes its default, as MySQL gives it");
    }

    @Test
    void theOrderOfDropAndAddDoesNotMatter() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "c1"), table(List.of("id"), "id", "c1"),
                changes("ADD COLUMN c1 INT NOT NULL DEFAULT 47, DROP COLUMN c1"));
        assertEquals(pairs("id", "id"), map.pairs());
    }

    @Test
    void renamesMapOldNamesToNewNamesBothWays() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "k"), table(List.of("id"), "id", "kind"),
                changes("RENAME COLUMN k TO kind"));
        Projection forward = map.projection(Direction.FORWARD);
        Projection inverse = map.projection(Direction.INVERSE);
        assertEquals(List.of("id", "k"), forward.sourceFields());
        assertEquals(List.of("id", "kind"), forward.targetColumns());
        assertEquals(List.of("id", "kind"), inverse.sourceFields());
        assertEquals(List.of("id", "k"), inverse.targetColumns());
    }

    @Test
    void twoRenameColumnsSwapTwoColumns() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "a", "b"), table(List.of("id"), "id", "b", "a"),
                changes("RENAME COLUMN a TO b, RENAME COLUMN b TO a"));
        assertEquals(pairs("id", "id", "a", "b", "b", "a"), map.pairs());
    }

    @Test
    void twoChangesSwapTwoColumns() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "a", "b"), table(List.of("id"), "id", "b", "a"),
                changes("CHANGE a b INT, CHANGE COLUMN b a INT"));
        assertEquals(pairs("id", "id", "a", "b", "b", "a"), map.pairs());
    }

    @Test
    void aColumnRenamedAwayLeavesItsNameToANewColumn() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "a"), table(List.of("id"), "id", "b", "a"),
                changes("RENAME COLUMN a TO b, ADD COLUMN a INT DEFAULT 5"));
        assertEquals(pairs("id", "id", "a", "b"), map.pairs());
    }

    @Test
    void aColumnRenamedIntoTheNameOfADroppedOneTakesItsPlace() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "a", "b"), table(List.of("id"), "id", "b"),
                changes("DROP COLUMN b, RENAME COLUMN a TO b"));
        assertEquals(pairs("id", "id", "a", "b"), map.pairs());
    }

    @Test
    void modifiedAndChangedInPlaceColumnsKeepTheirIdentity() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "a", "b"), table(List.of("id"), "id", "a", "b"),
                changes("MODIFY a BIGINT, CHANGE b b TEXT"));
        assertEquals(pairs("id", "id", "a", "a", "b", "b"), map.pairs());
    }

    @Test
    void namesAreComparedAsMySqlDoesIgnoringCase() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "k", "Title"), table(List.of("id"), "id", "Kind"),
                changes("RENAME COLUMN K TO Kind, DROP COLUMN TITLE"));
        assertEquals(pairs("id", "id", "k", "Kind"), map.pairs());
    }

    @Test
    void generatedColumnsAreNeverMapped() {
        TableSchema old = new TableSchema("s", "t", List.of(col("id"), col("a"), new Column("g", "int", true, null, true)),
                List.of("id"), List.of());
        TableSchema changed = new TableSchema("s", "t", List.of(col("id"), new Column("a", "int", true, null, true),
                new Column("g", "int", true, null, true)), List.of("id"), List.of());
        assertEquals(pairs("id", "id"), ColumnMap.of(old, changed, changes("MODIFY a INT AS (id + 1)")).pairs());
    }

    @Test
    void renamedPrimaryKeyStillIdentifiesRows() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "a"), table(List.of("uid"), "uid", "a"),
                changes("RENAME COLUMN id TO uid"));
        assertEquals(pairs("id", "uid"), map.key());
    }

    @Test
    void aKeyColumnDroppedAndAddedAgainIdentifiesNoRow() {
        assertThrows(DdlException.class, () -> ColumnMap.of(table(List.of("id"), "id", "a"),
                table(List.of("id"), "id", "a"), changes("DROP COLUMN id, ADD COLUMN id INT PRIMARY KEY")));
    }

    @Test
    void refusesWhenNoKeyIsShared() {
        assertThrows(DdlException.class,
                () -> ColumnMap.of(table(List.of("id"), "id", "a"), table(List.of("a"), "id", "a"), ColumnChanges.none()));
    }

    @Test
    void survivesAJsonRoundTrip() {
        ColumnMap map = ColumnMap.of(table(List.of("id"), "id", "k"), table(List.of("id"), "id", "kind"),
                changes("RENAME COLUMN k TO kind"));
        assertEquals(map, ColumnMap.fromJson(map.toJson()));
    }
}
