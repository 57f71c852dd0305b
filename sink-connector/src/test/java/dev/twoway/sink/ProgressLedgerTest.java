package dev.twoway.sink;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.util.List;
import java.util.Map;

import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

import dev.twoway.core.jdbc.TransientSqlErrors;

class ProgressLedgerTest {
    private static final TopicPartition P0 = new TopicPartition("t", 0);

    private final ProgressLedger ledger = new ProgressLedger();

    @Test
    void rollbackReturnsToWhatTheDatabaseHolds() {
        ledger.restore(P0, new PartitionProgress(5, "g5", Route.forward("m1")));
        ledger.advance(P0, new PartitionProgress(9, "g9", Route.inverse("m1")));
        ledger.rolledBack();
        assertEquals(new PartitionProgress(5, "g5", Route.forward("m1")), ledger.current(P0));
        assertEquals(Map.of(), ledger.changed());
    }

    @Test
    void committedOffsetsMoveOnlyOnCommit() {
        ledger.advance(P0, new PartitionProgress(3, null, null));
        assertEquals(Map.of(), ledger.committedOffsets());
        ledger.committed();
        assertEquals(Map.of(P0, 3L), ledger.committedOffsets());
    }

    @Test
    void forgottenPartitionsKeepNothing() {
        ledger.restore(P0, new PartitionProgress(5, null, Route.forward("m1")));
        ledger.forget(List.of(P0));
        assertEquals(null, ledger.current(P0));
        assertFalse(ledger.topicHasRoute("t"));
    }

    @Test
    void deadlocksLockWaitsAndLostConnectionsAreTransient() {
        assertTrue(TransientSqlErrors.isTransient(new SQLException("Deadlock found", "40001", 1213)));
        assertTrue(TransientSqlErrors.isTransient(new SQLException("Lock wait timeout exceeded", "HY000", 1205)));
        assertTrue(TransientSqlErrors.isTransient(new SQLException("Communications link failure", "08S01", 0)));
        assertTrue(TransientSqlErrors.isTransient(new SQLException("wrapped", "HY000", 0,
                new SQLTransactionRollbackException("rolled back"))));
        assertFalse(TransientSqlErrors.isTransient(new SQLException("Data too long", "22001", 1406)));
    }
}
