package dev.twoway.coordinator.throttle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;

import org.junit.jupiter.api.Test;

class ReplicaLagTest {
    private static final long NOW = 1_700_000_000_000_000L;

    @Test
    void theLagIsTheAgeOfTheOldestTransactionBeingApplied() throws SQLException {
        List<ReplicaLag.Worker> workers = List.of(new ReplicaLag.Worker(true, NOW - 1_500_000),
                new ReplicaLag.Worker(true, NOW - 7_250_000), new ReplicaLag.Worker(true, null));
        assertEquals(7_250, ReplicaLag.lagMs(workers, NOW));
    }

    @Test
    void idleWorkersAndAServerThatIsNoReplicaHaveNoLag() throws SQLException {
        assertEquals(0, ReplicaLag.lagMs(List.of(new ReplicaLag.Worker(true, null)), NOW));
        assertEquals(0, ReplicaLag.lagMs(List.of(), NOW));
    }

    @Test
    void aStoppedApplierIsRefusedNotTakenForNoLag() {
        SQLException e = assertThrows(SQLException.class, () -> ReplicaLag.lagMs(List.of(
                new ReplicaLag.Worker(false, null), new ReplicaLag.Worker(false, NOW - 5)), NOW));
        assertTrue(e.getMessage().contains("applier is not running"), e.getMessage());
    }

    @Test
    void itIsNamedByHostAndPort() {
        assertEquals("replica1:3306", new ReplicaLag("jdbc:mysql://replica1:3306/?sslMode=REQUIRED", "u", "p").name());
    }
}
