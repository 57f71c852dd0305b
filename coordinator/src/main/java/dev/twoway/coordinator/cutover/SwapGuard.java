package dev.twoway.coordinator.cutover;

import java.sql.SQLException;
import java.util.Optional;

/**
 * Why a swap must not go ahead once the sink has applied everything before its marker, if it
 * must not (a revert whose inverse stream stopped on the way); asked under the lock.
 */
@FunctionalInterface
public interface SwapGuard {
    Optional<String> refusal(SwapPlan plan, String migrationId) throws SQLException;
}
