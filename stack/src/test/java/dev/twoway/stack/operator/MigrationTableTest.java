package dev.twoway.stack.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

class MigrationTableTest {
    private static final Instant NOW = Instant.parse("2026-12-02T10:00:00Z");

    private static StateRow row(String id, String state, long copied, long total, Long lag, boolean revertible,
                                Instant until) {
        return new StateRow(id, "demo", "users", state, state, copied, total, null, lag, revertible, until, null, NOW);
    }

    @Test
    void oneLinePerMigrationWithItsBarLagWindowAndConnector() {
        ConnectApi.Connector running = new ConnectApi.Connector("m1", Map.of(), "RUNNING", "RUNNING", null);
        ConnectApi.Connector failed = new ConnectApi.Connector("m3", Map.of(), "RUNNING", "FAILED", "boom");
        String table = MigrationTable.render(List.of(
                new MigrationTable.Line("m1", row("m1", "running", 25, 100, null, true, null), running),
                new MigrationTable.Line("m2", row("m2", "complete", 100, 100, 12L, true, NOW.plusSeconds(1800)), null),
                new MigrationTable.Line("m3", row("m3", "complete", 100, 100, 12_500L, false, NOW.plusSeconds(60)), failed),
                new MigrationTable.Line("m4", null, running)), NOW);
        assertEquals(String.join("\n",
                "MIGRATION  TABLE       STATE         PROGRESS                     LAG     REVERTIBLE UNTIL         CONNECTOR",
                "m1         demo.users  running       [#####...............]  25%  -       -                        RUNNING",
                "m2         demo.users  complete      [####################] 100%  12 ms   2026-12-02 10:30:00 UTC  (not deployed)",
                "m3         demo.users  complete      [####################] 100%  12.5 s  not revertible           RUNNING, task FAILED",
                "m4         -           (no row yet)  -                            -       -                        RUNNING",
                ""), table);
    }
}
