package dev.twoway.core.state;

import java.time.Instant;

/** One row of {@code migrations}: what the coordinator decides with and the sink routes by. */
public record MigrationRow(String migrationId, String tableSchema, String tableName, String ddl,
                           MigrationState state, String stage, String shadowTable, String oldTable,
                           String columnMap, long rowsCopied, long rowsTotal, String copyLastKey,
                           Long etaSeconds, Long lagMs, String freezeGtid, String freezeTopic,
                           Integer freezePartition, Long freezeOffset, Instant cutoverAt, String message,
                           Instant updatedAt, boolean revertible, Instant revertibleUntil, String retiredTable,
                           MemberKind kind, String deployId, int deployOrder) {

    /** A row an older twoway wrote is a request of one: its own. */
    public MigrationRow {
        kind = kind == null ? MemberKind.ALTER : kind;
        deployId = deployId == null || deployId.isEmpty() ? migrationId : deployId;
    }

    /** Whether the revert window has closed at {@code now} (never before the first cut-over set it). */
    public boolean windowClosedAt(Instant now) {
        return revertibleUntil != null && now.isAfter(revertibleUntil);
    }

    /** A new migration's first row: an ALTER, a request of one. */
    public static MigrationRow queued(String migrationId, String schema, String table, String ddl,
                                      String shadowTable, String oldTable, String columnMap) {
        return member(migrationId, schema, table, ddl, shadowTable, oldTable, columnMap, MemberKind.ALTER, migrationId, 1);
    }

    /** A deploy request's member's first row; {@code deployOrder}: its statement's place in the request (1, 2, …). */
    public static MigrationRow member(String migrationId, String schema, String table, String ddl, String shadowTable,
                                      String oldTable, String columnMap, MemberKind kind, String deployId,
                                      int deployOrder) {
        return new MigrationRow(migrationId, schema, table, ddl, MigrationState.QUEUED, "queued", shadowTable,
                oldTable, columnMap, 0, 0, null, null, null, null, null, null, null, null, null, null, true, null, null,
                kind, deployId, deployOrder);
    }
}
