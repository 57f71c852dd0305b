package dev.twoway.coordinator.reconcile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.cutover.CutoverSettings;
import dev.twoway.coordinator.cutover.SwapPlan;
import dev.twoway.coordinator.sidecar.FakeSidecar;
import dev.twoway.coordinator.sidecar.FakeTables;
import dev.twoway.coordinator.step.RequestWork;
import dev.twoway.core.jdbc.ConnectionSettings;
import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/** The request reconciler on the group's facts, without MySQL: the fake sidecar and tables, and fake MySQL work. */
class RequestReconcilerTest {
    private final FakeSidecar sidecar = new FakeSidecar();
    private final FakeTables tables = new FakeTables();
    private final FakeWork work = new FakeWork();

    /** The MySQL-bound steps, as calls a test reads and answers it sets. */
    static final class FakeWork implements RequestWork {
        final List<String> calls = new ArrayList<>();
        final Map<String, CopyResult> copies = new HashMap<>();
        final Map<String, Runnable> onCopy = new HashMap<>();
        final List<SwapPlan> swaps = new ArrayList<>();

        @Override
        public void admit(String ddl) {
            calls.add("admit");
        }

        @Override
        public void build(MigrationRow member) {
            calls.add("build " + member.migrationId());
        }

        @Override
        public CopyResult copy(MigrationRow member) {
            calls.add("copy " + member.migrationId());
            onCopy.getOrDefault(member.migrationId(), () -> { }).run();
            return copies.getOrDefault(member.migrationId(), CopyResult.of(Copy.MORE));
        }

        @Override
        public void stopCopies() {
            calls.add("stopCopies");
        }

        @Override
        public boolean swapDue() {
            return true;
        }

        @Override
        public void swap(List<MigrationRow> members, SwapPlan plan) {
            swaps.add(plan);
        }

        @Override
        public Optional<String> sourcesProblem(MigrationRow member) {
            return Optional.empty();
        }

        @Override
        public void close() {
        }
    }

    private record Options(Target target, String ddl) implements MigrationOptions {
        public ConnectionSettings connection() {
            return null;
        }

        public String sidecar() {
            return "_twoway";
        }

        public int chunkRows() {
            return 100;
        }

        public int copyThreads() {
            return 1;
        }

        public long deferIndexesRows() {
            return 0;
        }

        public CutoverSettings cutover() {
            return new CutoverSettings(3_000, 50, 5, 0);
        }

        public Duration revertWindow() {
            return Duration.ofMinutes(30);
        }

        public boolean retireDrop() {
            return false;
        }

        public int stepRetries() {
            return 3;
        }

        public long stepBackoffMs() {
            return 10;
        }

        public long stepBackoffMaxMs() {
            return 10;
        }

        public long syncIntervalMs() {
            return 1_000;
        }
    }

    private static final String DDL = "ALTER TABLE shop.a ADD COLUMN c INT; ALTER TABLE shop.b ADD COLUMN c INT";

    private Reconciler reconciler(Target target) {
        return new Reconciler(new Options(target, DDL), "r", sidecar, tables, new AuditSignal(), ms -> { }, null, work);
    }

    /** Members r/1 (shop.a) and r/2 (shop.b) of request r, as admitted. */
    private void members(MigrationState first, MigrationState second) {
        member("r/1", "a", 1, first).ddl = "ALTER TABLE shop.a ADD COLUMN c INT";
        member("r/2", "b", 2, second).ddl = "ALTER TABLE shop.b ADD COLUMN c INT";
    }

    private FakeSidecar.Row member(String id, String table, int order, MigrationState state) {
        FakeSidecar.Row row = sidecar.add(id, "shop", table, state);
        row.deployId = "r";
        row.deployOrder = order;
        tables.with("shop", table).with("shop", table + "_new");
        if (state != MigrationState.QUEUED) {
            sidecar.insertMarker(id, MarkerKind.START, "shop", table);
        }
        return row;
    }

    @Test
    void aMemberWhoseCopyIsRefusedFailsTheWholeRequestAndEveryShadowIsDropped() throws Exception {
        members(MigrationState.RUNNING, MigrationState.READY);
        work.copies.put("r/1", new RequestWork.CopyResult(RequestWork.Copy.FAILED, "Data too long for column 'c'"));

        reconciler(Target.COMPLETE).tick();

        assertEquals(MigrationState.FAILED, sidecar.row("r/1").state);
        assertEquals("Data too long for column 'c'", sidecar.row("r/1").message);
        assertEquals(MigrationState.FAILED, sidecar.row("r/2").state);
        assertEquals("the deploy request failed: member 'r/1' (ALTER TABLE shop.a) failed: Data too long for column 'c'",
                sidecar.row("r/2").message);
        assertFalse(tables.exists("shop", "a_new"));
        assertFalse(tables.exists("shop", "b_new"));
        assertTrue(tables.exists("shop", "a") && tables.exists("shop", "b"), "every table untouched");
        assertEquals(List.of("copy r/1", "stopCopies"), work.calls, "the copies stop before the shadows go");
    }

    @Test
    void aMemberThatBecameReadyInTheSameTickFailsWithTheCulpritsReason() throws Exception {
        members(MigrationState.RUNNING, MigrationState.RUNNING);
        work.onCopy.put("r/1", () -> sidecar.row("r/1").state = MigrationState.READY);
        work.copies.put("r/1", RequestWork.CopyResult.of(RequestWork.Copy.DONE));
        work.copies.put("r/2", new RequestWork.CopyResult(RequestWork.Copy.FAILED, "Incorrect integer value"));

        reconciler(Target.COMPLETE).tick();

        assertEquals(MigrationState.FAILED, sidecar.row("r/1").state);
        assertEquals("the deploy request failed: member 'r/2' (ALTER TABLE shop.b) failed: Incorrect integer value",
                sidecar.row("r/1").message);
    }

    @Test
    void membersCopySideBySideAndTheRequestCutsOverOnlyOnceEveryMemberIsReady() throws Exception {
        members(MigrationState.READY, MigrationState.RUNNING);
        Reconciler reconciler = reconciler(Target.COMPLETE);

        reconciler.tick();
        assertTrue(work.swaps.isEmpty(), "no cut-over while a member copies");
        assertTrue(work.calls.contains("copy r/2"), work.calls.toString());

        sidecar.row("r/2").state = MigrationState.READY;
        reconciler.tick();
        assertEquals(1, work.swaps.size());
        SwapPlan plan = work.swaps.get(0);
        assertEquals(MarkerKind.CUTOVER, plan.marker());
        assertEquals(List.of("r/1", "r/2"), plan.members().stream().map(SwapPlan.Member::migrationId).toList(),
                "one swap for the group, in deploy order");
    }

    @Test
    void aRevertIsOneSwapOfTheWholeGroupInReverseOrder() throws Exception {
        members(MigrationState.COMPLETE, MigrationState.COMPLETE);

        reconciler(Target.REVERTED).tick();

        assertEquals(List.of("r/2", "r/1"), work.swaps.get(0).members().stream().map(SwapPlan.Member::migrationId)
                .toList());
    }

    @Test
    void oneMemberTheSinkCannotRevertMakesTheRequestNotRevertibleAndTheRevertIsRefusedNamingIt() throws Exception {
        members(MigrationState.COMPLETE, MigrationState.COMPLETE);
        sidecar.row("r/2").sinkInverseRefusal = "not revertible: column c of the old table cannot hold 4096";
        Reconciler reconciler = reconciler(Target.REVERTED);

        reconciler.tick();

        String reason = "not revertible: member 'r/2' (ALTER TABLE shop.b): column c of the old table cannot hold 4096";
        for (String id : List.of("r/1", "r/2")) {
            assertFalse(sidecar.row(id).revertible, id);
            assertEquals("revert refused: " + reason, sidecar.row(id).message, id);
        }
        assertTrue(work.swaps.isEmpty(), "nothing is swapped");
        assertEquals(2, sidecar.audit.stream().filter(a -> a.from() == MigrationState.COMPLETE
                && a.to() == MigrationState.COMPLETE).count(), "an audit record per member");
    }

    @Test
    void theWindowClosingFinalizesEveryMemberTogetherRetiringEachOldTable() throws Exception {
        members(MigrationState.COMPLETE, MigrationState.COMPLETE);
        for (String id : List.of("r/1", "r/2")) {
            sidecar.row(id).revertibleUntil = Instant.now().minusSeconds(1);
        }
        tables.with("shop", "a_old").with("shop", "b_old");

        reconciler(Target.COMPLETE).tick();

        for (String id : List.of("r/1", "r/2")) {
            assertEquals(MigrationState.FINALIZED, sidecar.row(id).state, id);
            assertNotNull(sidecar.row(id).retiredTable);
        }
        assertFalse(tables.exists("shop", "a_old") || tables.exists("shop", "b_old"), tables.changes.toString());
    }

    @Test
    void aRowTheNewSchemaRefusesFailsTheRequestBeforeTheCutover() throws Exception {
        members(MigrationState.READY, MigrationState.READY);
        sidecar.row("r/1").sinkRefusal = "Duplicate entry '7' for key 'b.u'";

        reconciler(Target.COMPLETE).tick();

        assertEquals(MigrationState.FAILED, sidecar.row("r/1").state);
        assertEquals(MigrationState.FAILED, sidecar.row("r/2").state);
        assertTrue(work.swaps.isEmpty());
    }

    @Test
    void aRequestWithoutRowsIsAdmitted() throws Exception {
        assertTrue(reconciler(Target.COMPLETE).tick());
        assertEquals(List.of("stopCopies", "admit"), work.calls);
    }
}
