package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class BatchWriterTest {
    private final List<String> sql = new ArrayList<>();
    private final List<List<Object>> parameters = new ArrayList<>();
    private final BatchWriter writer = new BatchWriter((statement, params) -> {
        sql.add(statement);
        parameters.add(params);
    }, 3);

    @Test
    void consecutiveUpsertsShareOneStatementInRecordOrder() throws SQLException {
        writer.add(upsert("t", 1, "a"));
        writer.add(upsert("t", 1, "b"));
        writer.add(upsert("t", 2, "c")); // reaches the limit of 3
        writer.add(upsert("t", 3, "d"));
        writer.flush();
        assertEquals(2, sql.size());
        assertTrue(sql.get(0).contains("VALUES (?, ?), (?, ?), (?, ?) AS"), sql.get(0));
        assertEquals(List.of(1L, "a", 1L, "b", 2L, "c"), parameters.get(0));
        assertEquals(List.of(3L, "d"), parameters.get(1));
    }

    @Test
    void aDeleteBetweenUpsertsOfOneKeySplitsTheBatch() throws SQLException {
        writer.add(upsert("t", 1, "a"));
        writer.add(delete("t", 1));
        writer.add(upsert("t", 1, "b"));
        writer.flush();
        assertEquals(3, sql.size());
        assertTrue(sql.get(0).startsWith("INSERT INTO `s`.`t`"));
        assertEquals("DELETE FROM `s`.`t` WHERE (`id`) IN ((?))", sql.get(1));
        assertTrue(sql.get(2).startsWith("INSERT INTO `s`.`t`"));
        assertEquals(List.of(1L, "b"), parameters.get(2));
    }

    @Test
    void consecutiveDeletesShareOneStatement() throws SQLException {
        writer.add(delete("t", 1));
        writer.add(delete("t", 2));
        writer.flush();
        assertEquals(List.of("DELETE FROM `s`.`t` WHERE (`id`) IN ((?), (?))"), sql);
        assertEquals(List.of(1L, 2L), parameters.get(0));
    }

    @Test
    void anotherTableEndsTheBatch() throws SQLException {
        writer.add(upsert("t", 1, "a"));
        writer.add(upsert("u", 1, "a"));
        writer.add(upsert("t", 2, "a"));
        writer.flush();
        assertEquals(3, sql.size());
    }

    @Test
    void nothingIsWrittenBeforeFlushOrAfterDiscard() throws SQLException {
        writer.add(upsert("t", 1, "a"));
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
        SQLException e = assertThrows(SQLException.class, failing::flush);
        assertEquals(1406, e.getErrorCode());
        assertTrue(e.getMessage().contains("`s`.`t`"), e.getMessage());
        assertTrue(e.getMessage().contains("topic-0@1 .. topic-0@2"), e.getMessage());
        assertTrue(e.getMessage().contains("Data too long"), e.getMessage());
        assertEquals(0, failing.pendingRows());
    }

    private static RowChange upsert(String table, long id, String name) {
        return new RowChange(RowChange.Kind.UPSERT, "s", table, List.of("id", "name"), List.of(id, name),
                "topic-0@" + id);
    }

    private static RowChange delete(String table, long id) {
        return new RowChange(RowChange.Kind.DELETE, "s", table, List.of("id"), List.of(id), "topic-0@" + id);
    }
}
