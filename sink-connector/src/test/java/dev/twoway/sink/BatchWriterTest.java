package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnPair;
import dev.twoway.core.projection.Direction;

class BatchWriterTest {
    private static final TopicPartition P0 = new TopicPartition("topic", 0);
    private final List<String> sql = new ArrayList<>();
    private final List<List<Object>> parameters = new ArrayList<>();
    private final BatchWriter writer = new BatchWriter((statement, params) -> {
        sql.add(statement);
        parameters.add(params);
    }, 3);

    @Test
    void consecutiveUpsertsShareOneStatementInRecordOrder() throws SQLException {
        write(upsert("t", 1, "a"));
        write(upsert("t", 1, "b"));
        write(upsert("t", 2, "c")); // reaches the limit of 3
        write(upsert("t", 3, "d"));
        writer.flush();
        assertEquals(2, sql.size());
        assertTrue(sql.get(0).contains("VALUES (?, ?), (?, ?), (?, ?) AS"), sql.get(0));
        assertEquals(List.of(1L, "a", 1L, "b", 2L, "c"), parameters.get(0));
        assertEquals(List.of(3L, "d"), parameters.get(1));
    }

    @Test
    void aDeleteBetweenUpsertsOfOneKeySplitsTheBatch() throws SQLException {
        write(upsert("t", 1, "a"));
        write(delete("t", 1));
        write(upsert("t", 1, "b"));
        writer.flush();
        assertEquals(3, sql.size());
        assertTrue(sql.get(0).startsWith("INSERT INTO `s`.`t`"));
        assertEquals("DELETE FROM `s`.`t` WHERE (`id`) IN ((?))", sql.get(1));
        assertTrue(sql.get(2).startsWith("INSERT INTO `s`.`t`"));
        assertEquals(List.of(1L, "b"), parameters.get(2));
    }

    @Test
    void consecutiveDeletesShareOneStatement() throws SQLException {
        write(delete("t", 1));
        write(delete("t", 2));
        writer.flush();
        assertEquals(List.of("DELETE FROM `s`.`t` WHERE (`id`) IN ((?), (?))"), sql);
        assertEquals(List.of(1L, 2L), parameters.get(0));
    }

    @Test
    void anotherTableEndsTheBatch() throws SQLException {
        write(upsert("t", 1, "a"));
        write(upsert("u", 1, "a"));
        write(upsert("t", 2, "a"));
        writer.flush();
        assertEquals(3, sql.size());
    }

    @Test
    void nothingIsWrittenBeforeFlushOrAfterDiscard() throws SQLException {
        write(upsert("t", 1, "a"));
        assertEquals(0, sql.size());
        writer.discard();
        writer.flush();
        assertEquals(0, sql.size());
    }

    @Test
    void failureNamesTheTableAndTheRecordsAndKeepsMySqlsCode() throws SQLException {
        BatchWriter failing = new BatchWriter((statement, params) -> {
            throw new SQLException("Data too long for column 'name' at row 2", "22001", 1406);
        }, 10);
        failing.add(upsert("t", 1, "a"));
        failing.add(upsert("t", 2, "b"));
        RowWriteException e = assertThrows(RowWriteException.class, failing::flush);
        assertEquals(1L, e.change().offset());
        assertEquals(1406, e.getErrorCode());
        assertTrue(e.getMessage().contains("`s`.`t`"), e.getMessage());
        assertTrue(e.getMessage().contains("topic-0@1 .. topic-0@2"), e.getMessage());
        assertTrue(e.getMessage().contains("Data too long"), e.getMessage());
        assertEquals(0, failing.pendingRows());
    }

    /** What the applier does: flush before a change that does not fit, and when full. */
    private void write(RowChange change) throws SQLException {
        if (!writer.fits(change)) {
            writer.flush();
        }
        writer.add(change);
        if (writer.full()) {
            writer.flush();
        }
    }

    @Test
    void addingAChangeThatDoesNotFitIsAMistake() {
        writer.add(upsert("t", 1, "a"));
        org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class, () -> writer.add(delete("t", 1)));
    }

    private static RowChange upsert(String table, long id, String name) {
        return new RowChange(RowChange.Kind.UPSERT, target(table), List.of("id", "name"), List.of(id, name), P0, id);
    }

    private static RowChange delete(String table, long id) {
        return new RowChange(RowChange.Kind.DELETE, target(table), List.of("id"), List.of(id), P0, id);
    }

    private static Target target(String table) {
        ColumnMap map = new ColumnMap(List.of(new ColumnPair("id", "id"), new ColumnPair("name", "name")),
                List.of(new ColumnPair("id", "id")));
        return new Target(Route.forward("m1"), "s", table, map.projection(Direction.FORWARD));
    }
}
