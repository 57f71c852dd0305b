package dev.twoway.coordinator.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import java.util.List;

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
    void aPendingChecksumMarkerARestartLeftIsAbortedSoTheSinkGoesOnAndNothingElseChanges() throws Exception {
        sidecar.add("m", "shop", "t", MigrationState.READY);
        long marker = sidecar.addSwapMarker("m", MarkerKind.CHECKSUM, MarkerOutcome.PENDING, true);
        tables.with("shop", "t").with("shop", "t_new");

        settler.settle(sidecar.migration("m").orElseThrow());

        assertEquals(MarkerOutcome.ABORTED, sidecar.marker(marker).orElseThrow().outcome());
        assertEquals(MigrationState.READY, sidecar.row("m").state);
        assertEquals(List.of(), sidecar.audit, "no transition");
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

    @Test
    void aGroupsPendingCutoverIsSettledForEveryMemberAndTheirStatesMoveTogether() throws Exception {
        sidecar.add("m", "shop", "t", MigrationState.READY);
        sidecar.add("n", "shop", "u", MigrationState.READY);
        long first = sidecar.addSwapMarker("m", MarkerKind.CUTOVER, MarkerOutcome.PENDING, true);
        long second = sidecar.addSwapMarker("n", MarkerKind.CUTOVER, MarkerOutcome.PENDING, false);
        tables.with("shop", "t").with("shop", "t_old").with("shop", "u").with("shop", "u_old");

        settler.settle(List.of(sidecar.migration("m").orElseThrow(), sidecar.migration("n").orElseThrow()));

        assertEquals(MarkerOutcome.DONE, sidecar.marker(first).orElseThrow().outcome());
        assertEquals(MarkerOutcome.DONE, sidecar.marker(second).orElseThrow().outcome());
        assertEquals(MigrationState.COMPLETE, sidecar.row("m").state);
        assertEquals(MigrationState.COMPLETE, sidecar.row("n").state);
        assertEquals(sidecar.row("m").cutoverAt, sidecar.row("n").cutoverAt, "one swap time");
    }

    @Test
    void anAbortedGroupSwapDropsEverySentryItLeft() throws Exception {
        sidecar.add("m", "shop", "t", MigrationState.READY);
        sidecar.add("n", "shop", "u", MigrationState.READY);
        sidecar.addSwapMarker("m", MarkerKind.CUTOVER, MarkerOutcome.PENDING, true);
        sidecar.addSwapMarker("n", MarkerKind.CUTOVER, MarkerOutcome.PENDING, true);
        tables.with("shop", "t").with("shop", "t_new").withSentry("shop", "t_old")
                .with("shop", "u").with("shop", "u_new").withSentry("shop", "u_old");

        settler.settle(List.of(sidecar.migration("m").orElseThrow(), sidecar.migration("n").orElseThrow()));

        assertFalse(tables.exists("shop", "t_old"));
        assertFalse(tables.exists("shop", "u_old"));
        assertEquals(MigrationState.READY, sidecar.row("n").state);
    }
}
