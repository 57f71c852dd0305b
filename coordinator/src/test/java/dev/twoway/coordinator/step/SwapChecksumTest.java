package dev.twoway.coordinator.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.cutover.CutoverSettings;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.coordinator.sidecar.FakeSidecar;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Which swaps the checksum lets through unchecked: with {@code off} none is checked, with
 * {@code cutover} only the first cut-over (from ready) is (ChecksumIT proves that one is checked).
 * Without a database: these get no connections, which a checked swap would need.
 */
class SwapChecksumTest {
    private final FakeSidecar sidecar = new FakeSidecar();

    @Test
    void offChecksNoSwap() throws Exception {
        MigrationRow ready = row(MigrationState.READY);
        assertTrue(checksum(SwapChecksum.Scope.NONE).passes(List.of(ready), SwapPlan.forward(ready)));
        assertTrue(checksum(SwapChecksum.Scope.NONE).due());
    }

    @Test
    void cutoverLetsTheRevertAndTheReapplyGoUnchecked() throws Exception {
        MigrationRow complete = row(MigrationState.COMPLETE);
        assertTrue(checksum(SwapChecksum.Scope.FIRST_CUTOVER).passes(List.of(complete), SwapPlan.backward(complete)),
                "the revert");
        MigrationRow reverted = row(MigrationState.REVERTED);
        assertTrue(checksum(SwapChecksum.Scope.FIRST_CUTOVER).passes(List.of(reverted), SwapPlan.forward(reverted)),
                "the re-apply");
    }

    @Test
    void theOptionsWordsNameTheScopes() {
        assertEquals(SwapChecksum.Scope.EVERY_SWAP, SwapChecksum.Scope.fromWireName("on"));
        assertEquals(SwapChecksum.Scope.FIRST_CUTOVER, SwapChecksum.Scope.fromWireName("cutover"));
        assertEquals(SwapChecksum.Scope.NONE, SwapChecksum.Scope.fromWireName("off"));
    }

    private MigrationRow row(MigrationState state) {
        sidecar.add("m", "shop", "t", state);
        return sidecar.migration("m").orElseThrow();
    }

    private SwapChecksum checksum(SwapChecksum.Scope scope) {
        return new SwapChecksum(null, sidecar, new Transitions("m", sidecar, new AuditSignal(), Duration.ofMinutes(30)),
                new CutoverSettings(3000, 1000, 3, 100), "_twoway", scope);
    }
}
