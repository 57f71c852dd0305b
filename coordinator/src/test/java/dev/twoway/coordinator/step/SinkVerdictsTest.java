package dev.twoway.coordinator.step;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.sidecar.FakeSidecar;
import dev.twoway.core.state.MigrationState;

class SinkVerdictsTest {
    private final StepFixture f = new StepFixture();
    private final SinkVerdicts verdicts = new SinkVerdicts(f.sidecar, f.transitions);

    @Test
    void theSinksInverseRefusalMakesACompleteMigrationNotRevertibleWithAnAuditRecordOnce() throws Exception {
        FakeSidecar.Row row = f.sidecar.add("m", "shop", "t", MigrationState.COMPLETE);
        row.sinkInverseRefusal = "not revertible: column name cannot hold the value of row 10";

        assertTrue(verdicts.apply(f.sidecar.migration("m").orElseThrow()));
        assertFalse(verdicts.apply(f.sidecar.migration("m").orElseThrow()), "once");

        assertFalse(row.revertible);
        assertEquals(MigrationState.COMPLETE, row.state, "the state stays");
        assertEquals(row.sinkInverseRefusal, row.message);
        assertEquals(1, f.sidecar.audit.size());
        assertEquals(new FakeSidecar.Audit("m", MigrationState.COMPLETE, MigrationState.COMPLETE,
                "complete: not revertible", row.sinkInverseRefusal), f.sidecar.audit.get(0));
    }

    @Test
    void beforeTheCutoverThereIsNoInverseStreamToJudge() throws Exception {
        f.sidecar.add("m", "shop", "t", MigrationState.READY).sinkInverseRefusal = "stale";

        assertFalse(verdicts.apply(f.sidecar.migration("m").orElseThrow()));
        assertTrue(f.sidecar.row("m").revertible);
    }
}
