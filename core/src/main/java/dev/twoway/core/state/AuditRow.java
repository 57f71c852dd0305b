package dev.twoway.core.state;

import java.time.Instant;

/**
 * One row of {@code audit}: a state transition of a migration, states in their wire names
 * ({@code from} is null for the migration's first row).
 */
public record AuditRow(long seq, String migrationId, String from, String to, String stage,
                       String message, Instant at) {
}
