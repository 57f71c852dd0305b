package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnPair;
import dev.twoway.core.projection.Direction;

/** BatchWriter on a target whose keys are independent: the last change per key, deletes and upserts apart. */
class CoalescedWritesTest {
    private static final TopicPartition P0 = new TopicPartition("topic", 0);
    private static final String UPSERT = "INSERT INTO `s`.`t`";
    private final List<String> sql = new ArrayList<>();
    private final List<List<Object>> parameters = new ArrayList<>();
    private final BatchWriter writer = new BatchWriter((statement, params) -> {
        sql.add(statement);
        parameters.add(params);
    }, 10);

    @Test
    void interleavedChangesOfDifferentKeysTakeOneUpsertAndOneDelete() throws SQLException {
        write(upsert(1, "a"), delete(2), upsert(3, "c"), delete(4), upsert(5, "e"));
        assertEquals(2, sql.size(), sql.toString());
        assertTrue(sql.get(0).startsWith(UPSERT), sql.get(0));
        assertEquals(List.of(1L, "a", 3L, "c", 5L, "e"), parameters.get(0));
        assertEquals("DELETE FROM `s`.`t` WHERE (`id`) IN ((?), (?))", sql.get(1));
        assertEquals(List.of(2L, 4L), parameters.get(1));
    }

    @Test
    void theLastUpsertOfAKeyWins() throws SQLException {
        write(upsert(1, "a"), upsert(2, "b"), upsert(1, "c"));
        assertEquals(1, sql.size());
        assertEquals(List.of(1L, "c", 2L, "b"), parameters.get(0));
    }

    @Test
    void aKeyDeletedThenWrittenAgainIsDeletedFirstSoItsRowIsANewOne() throws SQLException {
        write(upsert(1, "a"), delete(1), upsert(1, "b"));
        assertEquals(List.of("DELETE FROM `s`.`t` WHERE (`id`) IN ((?))"), sql.subList(0, 1));
        assertEquals(List.of(1L), parameters.get(0));
        assertTrue(sql.get(1).startsWith(UPSERT));
        assertEquals(List.of(1L, "b"), parameters.get(1));
        assertEquals(2, sql.size());
    }

    @Test
    void aKeyUpsertedThenDeletedIsUpsertedFirstAsInRecordOrderForTheAutoIncrementCounter() throws SQLException {
        write(upsert(7, "a"), delete(7));
        assertEquals(2, sql.size());
        assertTrue(sql.get(0).startsWith(UPSERT));
        assertEquals(List.of(7L, "a"), parameters.get(0));
        assertEquals(List.of(7L), parameters.get(1));
    }

    @Test
    void deleteWriteDeleteOfOneKeyWritesAllThreeInOrder() throws SQLException {
        write(delete(1), upsert(1, "a"), delete(1), upsert(2, "b"));
        assertEquals(3, sql.size(), sql.toString());
        assertTrue(sql.get(0).startsWith("DELETE"));
        assertEquals(List.of(1L, "a", 2L, "b"), parameters.get(1));
        assertTrue(sql.get(2).startsWith("DELETE"));
        assertEquals(List.of(1L), parameters.get(2));
    }

    @Test
    void integerKeysOfDifferentJavaTypesAreOneKey() throws SQLException {
        write(upsert(1, "a"), new RowChange(RowChange.Kind.DELETE, target(true), List.of("id"),
                List.of(new BigDecimal("1")), P0, 9));
        assertEquals(List.of(List.of(1L, "a"), List.of(new BigDecimal("1"))), parameters);
    }

    @Test
    void aMoveIsWrittenAloneInRecordOrder() {
        writer.add(upsert(1, "a"));
        RowChange move = new RowChange(RowChange.Kind.MOVE, target(true), List.of("id"), List.of(2L, 1L), P0, 2);
        assertFalse(writer.fits(move));
        writer.discard();
        writer.add(move);
        assertFalse(writer.fits(upsert(3, "c")));
    }

    @Test
    void aTargetWhoseKeysAreNotIndependentKeepsRecordOrder() throws SQLException {
        Target ordered = target(false);
        write(new RowChange(RowChange.Kind.UPSERT, ordered, List.of("id", "name"), List.of(1L, "a"), P0, 1),
                new RowChange(RowChange.Kind.DELETE, ordered, List.of("id"), List.of(2L), P0, 2),
                new RowChange(RowChange.Kind.UPSERT, ordered, List.of("id", "name"), List.of(3L, "c"), P0, 3));
        assertEquals(3, sql.size());
    }

    @Test
    void aFailedStatementHandsBackOnlyWhatIsNotWrittenYet() throws SQLException {
        List<String> executed = new ArrayList<>();
        BatchWriter failing = new BatchWriter((statement, params) -> {
            executed.add(statement);
            if (statement.startsWith("DELETE")) {
                throw new SQLException("refused", "HY000", 1644);
            }
        }, 10);
        failing.add(upsert(1, "a"));
        failing.add(delete(2));
        RowWriteException e = assertThrows(RowWriteException.class, failing::flush);
        assertEquals(2, executed.size());
        assertEquals(List.of(delete(2)), e.changes());
        assertEquals(0, failing.pendingRows());
    }

    @Test
    void aKeyThatIsNoIntegerFailsRatherThanBeingReordered() {
        writer.add(new RowChange(RowChange.Kind.UPSERT, target(true), List.of("id", "name"), List.of("x", "a"), P0, 1));
        assertThrows(IllegalStateException.class, writer::flush);
    }

    private void write(RowChange... changes) throws SQLException {
        for (RowChange change : changes) {
            if (!writer.fits(change)) {
                writer.flush();
            }
            writer.add(change);
        }
        writer.flush();
    }

    private static RowChange upsert(long id, String name) {
        return new RowChange(RowChange.Kind.UPSERT, target(true), List.of("id", "name"), List.of(id, name), P0, id);
    }

    private static RowChange delete(long id) {
        return new RowChange(RowChange.Kind.DELETE, target(true), List.of("id"), List.of(id), P0, id);
    }

    private static Target target(boolean independent) {
        ColumnMap map = new ColumnMap(List.of(new ColumnPair("id", "id"), new ColumnPair("name", "name")),
                List.of(new ColumnPair("id", "id")));
        return new Target(Route.forward("m1"), "s", "t", map.projection(Direction.FORWARD), List.of(), null, null, null,
                independent, true);
    }
}
