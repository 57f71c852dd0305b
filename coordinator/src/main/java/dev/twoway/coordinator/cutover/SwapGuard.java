package dev.twoway.coordinator.cutover;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Why a swap must not go ahead once the sink has applied everything before its markers, if it
 * must not (a revert some member's inverse stream stopped on the way to); asked under the lock.
 */
@FunctionalInterface
public interface SwapGuard {
    Optional<String> refusal(SwapPlan plan) throws SQLException;
}
