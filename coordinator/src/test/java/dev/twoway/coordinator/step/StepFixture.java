package dev.twoway.coordinator.step;

import java.time.Duration;

import dev.twoway.coordinator.audit.AuditSignal;
import dev.twoway.coordinator.audit.Transitions;
import dev.twoway.coordinator.sidecar.FakeSidecar;
import dev.twoway.coordinator.sidecar.FakeTables;

/** A migration {@code m} of {@code shop.t} in the fake sidecar, and the transitions of it. */
final class StepFixture {
    final FakeSidecar sidecar = new FakeSidecar();
    final FakeTables tables = new FakeTables();
    final Transitions transitions = new Transitions("m", sidecar, new AuditSignal(), Duration.ofMinutes(30));
}
