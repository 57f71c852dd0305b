package dev.twoway.coordinator.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.FakeSidecar;
import dev.twoway.coordinator.sidecar.FakeTables;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MigrationState;

class SwapSettlerTest {
    private final FakeSidecar sidecar = new FakeSidecar();
    private final FakeTables tables = new FakeTables();
    private final SwapSettler settler = new SwapSettler(sidecar, tables,
            new Transitions("m", sidecar, new AuditSignal(), Duration.ofMinutes(30)));

    @Test
    void aPendingCutoverWhoseRenameHappenedIsDoneAndTheStateFollows() throws Exception {
        sidecar.add("m", "shop", "t", MigrationState.READY);
        long marker = sidecar.addSwapMarker("m", MarkerKind.CUTOVER, MarkerOutcome.PENDING, true);
        tables.with("shop", "t").with("shop", "t_old");

        settler.settle(sidecar.migration("m").orElseThrow());

        assertEquals(MarkerOutcome.DONE, sidecar.marker(marker).orElseThrow().outcome());
        assertEquals(MigrationState.COMPLETE, sidecar.row("m").state);
        assertEquals(MigrationState.COMPLETE, sidecar.audit.get(0).to());
    }

    @Test
    void aPendingCutoverThatLeftOnlyItsSentryIsAbortedAndTheSentryDropped() throws Exception {
        sidecar.add("m", "shop", "t", MigrationState.READY);
        sidecar.row("m").freezeOffset = 99L;
        long marker = sidecar.addSwapMarker("m", MarkerKind.CUTOVER, MarkerOutcome.PENDING, true);
        tables.with("shop", "t").with("shop", "t_new").withSentry("shop", "t_old");

        settler.settle(sidecar.migration("m").orElseThrow());

        assertEquals(MarkerOutcome.ABORTED, sidecar.marker(marker).orElseThrow().outcome());
        assertFalse(tables.exists("shop", "t_old"));
        assertEquals(MigrationState.READY, sidecar.row("m").state);
        assertNull(sidecar.row("m").freezeOffset, "the aborted swap's freeze point is taken back");
    }

    @Test
    void aPendingRevertIsSettledInItsOwnDirection() throws Exception {
        sidecar.add("m", "shop", "t", MigrationState.COMPLETE);
        sidecar.addSwapMarker("m", MarkerKind.CUTOVER, MarkerOutcome.DONE, true);
        long revert = sidecar.addSwapMarker("m", MarkerKind.REVERT, MarkerOutcome.PENDING, true);
        tables.with("shop", "t").with("shop", "t_new");

        settler.settle(sidecar.migration("m").orElseThrow());

        assertEquals(MarkerOutcome.DONE, sidecar.marker(revert).orElseThrow().outcome());
        assertEquals(MigrationState.REVERTED, sidecar.row("m").state);
    }
}
