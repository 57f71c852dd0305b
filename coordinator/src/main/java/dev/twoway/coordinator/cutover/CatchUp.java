package dev.twoway.coordinator.cutover;

import java.sql.SQLException;
import java.util.List;

import dev.twoway.core.state.MigrationRow;

/**
 * A swap's first step: proof that the sink is close behind on every member it applies (a fresh
 * sync marker of each reached within the time), so the lock is short.
 */
@FunctionalInterface
public interface CatchUp {
    boolean caughtUp(List<MigrationRow> rows, long timeoutMs) throws SQLException;
}
