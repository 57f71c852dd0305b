package dev.twoway.coordinator.cutover;

import java.sql.SQLException;

import dev.twoway.core.state.MigrationRow;

/** A swap's first step: proof that the sink is close behind (a fresh sync marker reached in time), so the lock is short. */
@FunctionalInterface
public interface CatchUp {
    boolean caughtUp(MigrationRow row, long timeoutMs) throws SQLException;
}
