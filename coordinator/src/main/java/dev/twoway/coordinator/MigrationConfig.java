package dev.twoway.coordinator;

import java.time.Duration;
import java.util.Map;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

import dev.twoway.coordinator.cutover.CutoverSettings;
import dev.twoway.coordinator.reconcile.MigrationOptions;
import dev.twoway.coordinator.reconcile.Target;
import dev.twoway.coordinator.step.SwapChecksum;
import dev.twoway.coordinator.throttle.ThrottleSettings;
import dev.twoway.core.jdbc.ConnectionConfig;
import dev.twoway.core.jdbc.ConnectionSettings;

/** The coordinator's options: one migration, how to run it, and how far to take it. */
public final class MigrationConfig extends AbstractConfig implements MigrationOptions {
    public static final String NAME = "name";

    public static final String MIGRATION_GROUP = "Migration";
    public static final String DDL = "migration.ddl";
    public static final String DDL_DOC = "The schema change, or a deploy request of several: ALTER TABLE, CREATE "
            + "TABLE and DROP TABLE statements separated by ';', each on a table qualified with its database, e.g. "
            + "ALTER TABLE shop.orders ADD COLUMN note VARCHAR(64); CREATE TABLE shop.notes (id BIGINT PRIMARY KEY). "
            + "The statements of a request are validated together, copied side by side, cut over in one RENAME and "
            + "reverted in one, in reverse order; each is a row of the sidecar's migrations (<migration.id>/<n>).";
    public static final String ID = "migration.id";
    public static final String ID_DOC = "Identifies the migration in " + "the state table and the audit topic. "
            + "Default: the connector's name.";
    public static final String ID_DEFAULT = "";
    public static final String TARGET = "migration.target";
    public static final String TARGET_DOC = "How far to take the migration: 'complete' (copy, sync, cut over; "
            + "after a revert: swap the new schema back in, without a copy), 'ready' (copy and keep in sync, no "
            + "cut-over), 'cancelled' (stop and drop the shadow table; only before the cut-over) or 'reverted' "
            + "(swap the old table back in; only once complete, while revertible and within the revert window). "
            + "Change it with PUT /connectors/{name}/config.";
    public static final String TARGET_DEFAULT = "complete";
    public static final String AUDIT_TOPIC = "migration.audit.topic";
    public static final String AUDIT_TOPIC_DOC = "Topic receiving one record per state transition.";
    public static final String AUDIT_TOPIC_DEFAULT = "twoway.audit";

    public static final String COPY_GROUP = "Copy";
    public static final String CHUNK_ROWS = "migration.copy.chunk.rows";
    public static final String CHUNK_ROWS_DOC = "Rows copied in the first chunk. The chunk size then adapts toward "
            + "half a second per chunk, between a tenth of this value and four times it.";
    public static final int CHUNK_ROWS_DEFAULT = 20_000;
    public static final String COPY_THREADS = "migration.copy.threads";
    public static final String COPY_THREADS_DOC = "Connections copying at once. The table's keys are cut into key "
            + "ranges copied side by side, each INSERT ... SELECT on its own core of the server: a key of one signed "
            + "integer column by arithmetic, a range finished early taking over half of the largest one left; any "
            + "other key (several columns, text, binary, unsigned, temporal) by sampling its index before the copy, "
            + "into 4 ranges per connection or more. 1 copies one chunk at a time, as pt-online-schema-change and "
            + "gh-ost do.";
    public static final int COPY_THREADS_DEFAULT = 2;
    public static final String DEFER_INDEXES_ROWS = "migration.copy.defer.indexes.rows";
    public static final String DEFER_INDEXES_ROWS_DOC = "From how many rows (MySQL's estimate of the table) the shadow's "
            + "plain secondary indexes are left out during the copy and built after it, sorted once. Below it they are "
            + "kept: dropping and adding them are two ALTERs whose fixed cost, on a small table, outweighs what a "
            + "sorted build saves. 0 defers them on every table.";
    public static final long DEFER_INDEXES_ROWS_DEFAULT = 500_000;

    public static final String CUTOVER_GROUP = "Cut-over";
    public static final String LOCK_TIMEOUT_MS = "migration.cutover.lock.timeout.ms";
    public static final String LOCK_TIMEOUT_MS_DOC = "The longest a writer of the table can be blocked by a "
            + "cut-over: from the lock request to the release, whatever happens.";
    public static final long LOCK_TIMEOUT_MS_DEFAULT = 3_000L;
    public static final String CATCHUP_MS = "migration.cutover.catchup.ms";
    public static final String CATCHUP_MS_DOC = "Before locking, the sink must reach a fresh sync marker within "
            + "this time and within half of migration.cutover.lock.timeout.ms, so that the locked wait for it is short.";
    public static final long CATCHUP_MS_DEFAULT = 10_000L;
    public static final String RETRIES = "migration.cutover.retries";
    public static final String RETRIES_DOC = "Cut-over attempts that locked the table before giving up (waiting "
            + "for the sink to catch up locks nothing and does not count). After that the migration stays 'ready' "
            + "with the reason in its message; restart the connector's task to try again.";
    public static final int RETRIES_DEFAULT = 5;
    public static final String BACKOFF_MS = "migration.cutover.backoff.ms";
    public static final String BACKOFF_MS_DOC = "Wait after the first failed cut-over attempt; it doubles after each.";
    public static final long BACKOFF_MS_DEFAULT = 2_000L;
    public static final String FORCE_AFTER_MS = "migration.cutover.force.after.ms";
    public static final String FORCE_AFTER_MS_DOC = "0 (the default): a cut-over blocked by a session holding the "
            + "table retries and names the blocker in the state row. More: once a swap has been blocked that long "
            + "(from the start of its first failed attempt), each further attempt first KILLs the connections holding "
            + "or waiting for a metadata lock on its live tables, names them in the state row and the audit, then "
            + "locks. Their transactions are rolled back and their clients see the connection lost. Needs "
            + "CONNECTION_ADMIN (see the README's grants).";
    public static final long FORCE_AFTER_MS_DEFAULT = 0L;
    public static final String CHECKSUM = "migration.checksum";
    public static final String CHECKSUM_DOC = "Before a swap the live table and the table the sink writes are "
            + "compared over the columns both carry unchanged, in two consistent snapshots at one stream position (the "
            + "table locked only to open the first, and the sink held at a checksum marker only to open the "
            + "second), chunk by chunk in key order; a difference refuses the swap, names the first differing keys in "
            + "the state row and fails the task. It reads both tables, so it takes time that grows with the table. "
            + "'cutover' (the default): before the first cut-over, the swap that puts the copy live; reverts and "
            + "re-applies stay instant swaps whose time does not grow with the table. 'on': before every swap "
            + "(cut-over, revert, re-apply), a revert then waiting for the checksum too. 'off': never, for users who "
            + "accept the risk of swapping in a table something wrote behind twoway's back.";
    /**
     * Not "on": a revert is the way back in an emergency and costs no copy (DESIGN invariant 5, its
     * time does not grow with the table); a checksum before it took 22 of a revert's 28 s at
     * 1,000,000 rows. The first cut-over, where copied rows first go live, is checked by default.
     */
    public static final String CHECKSUM_DEFAULT = "cutover";
    public static final String SYNC_INTERVAL_MS = "migration.sync.interval.ms";
    public static final String SYNC_INTERVAL_MS_DOC = "While ready, how often a sync marker measures the sink's lag.";
    public static final long SYNC_INTERVAL_MS_DEFAULT = 1_000L;

    public static final String REVERT_GROUP = "Revert";
    public static final String REVERT_WINDOW_MS = "migration.revert.window.ms";
    public static final String REVERT_WINDOW_MS_DOC = "How long after the first cut-over the migration can be "
            + "reverted (and re-applied). When it passes, the table not live is retired and the migration is "
            + "finalized.";
    public static final long REVERT_WINDOW_MS_DEFAULT = 1_800_000L;
    public static final String RETIRE_DROP = "migration.retire.drop";
    public static final String RETIRE_DROP_DOC = "When the revert window closes, drop the table not live instead "
            + "of keeping it under a hold name (<table>_tw<hash>_hold_<UTC time>).";
    public static final boolean RETIRE_DROP_DEFAULT = false;

    public static final String RETRY_GROUP = "Retries";
    public static final String STEP_RETRIES = "migration.step.retries";
    public static final String STEP_RETRIES_DOC = "Attempts of a step (admission, shadow, copy, sync, "
            + "finalizing) that fail with an error about the migration before giving up: before the cut-over the "
            + "migration then fails, its shadow dropped and the table untouched; after it nothing is changed. "
            + "Either way the task fails with the reason; restart it to try again. Errors of the server or the "
            + "network (lost connection, lock wait timeout, deadlock, too many connections) are retried as long "
            + "as they last, with the same back-off, and use up no attempt. Every failure is in the state row's "
            + "message at once.";
    public static final int STEP_RETRIES_DEFAULT = 10;
    public static final String STEP_BACKOFF_MS = "migration.step.backoff.ms";
    public static final String STEP_BACKOFF_MS_DOC = "Wait after a step's first failure; it doubles after each "
            + "failure in a row, up to migration.step.backoff.max.ms.";
    public static final long STEP_BACKOFF_MS_DEFAULT = 500L;
    public static final String STEP_BACKOFF_MAX_MS = "migration.step.backoff.max.ms";
    public static final String STEP_BACKOFF_MAX_MS_DOC = "The longest wait between two attempts of a failing step.";
    public static final long STEP_BACKOFF_MAX_MS_DEFAULT = 30_000L;

    public static final ConfigDef CONFIG_DEF = configDef();

    public MigrationConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    private static ConfigDef configDef() {
        ConfigDef def = ConnectionConfig.define(new ConfigDef());
        int order = 0;
        def.define(DDL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, OptionValidators.STATEMENT, Importance.HIGH,
                DDL_DOC, MIGRATION_GROUP, ++order, Width.LONG, "Statements");
        def.define(ID, Type.STRING, ID_DEFAULT, Importance.MEDIUM, ID_DOC, MIGRATION_GROUP, ++order, Width.MEDIUM,
                "Migration id");
        def.define(TARGET, Type.STRING, TARGET_DEFAULT, ConfigDef.ValidString.in("complete", "ready", "cancelled", "reverted"),
                Importance.HIGH, TARGET_DOC, MIGRATION_GROUP, ++order, Width.SHORT, "Target");
        def.define(AUDIT_TOPIC, Type.STRING, AUDIT_TOPIC_DEFAULT, OptionValidators.TOPIC, Importance.LOW,
                AUDIT_TOPIC_DOC, MIGRATION_GROUP, ++order, Width.MEDIUM, "Audit topic");
        def.define(CHUNK_ROWS, Type.INT, CHUNK_ROWS_DEFAULT, Range.between(10, 10_000_000), Importance.LOW,
                CHUNK_ROWS_DOC, COPY_GROUP, 1, Width.SHORT, "Chunk rows");
        def.define(COPY_THREADS, Type.INT, COPY_THREADS_DEFAULT, Range.between(1, 16), Importance.LOW,
                COPY_THREADS_DOC, COPY_GROUP, 2, Width.SHORT, "Copy threads");
        def.define(DEFER_INDEXES_ROWS, Type.LONG, DEFER_INDEXES_ROWS_DEFAULT, Range.atLeast(0L), Importance.LOW,
                DEFER_INDEXES_ROWS_DOC, COPY_GROUP, 3, Width.SHORT, "Defer indexes from rows");
        ThrottleConfig.define(def);
        order = 0;
        def.define(LOCK_TIMEOUT_MS, Type.LONG, LOCK_TIMEOUT_MS_DEFAULT, Range.between(100L, 600_000L),
                Importance.MEDIUM, LOCK_TIMEOUT_MS_DOC, CUTOVER_GROUP, ++order, Width.SHORT, "Lock timeout (ms)");
        def.define(CATCHUP_MS, Type.LONG, CATCHUP_MS_DEFAULT, Range.atLeast(100L), Importance.LOW, CATCHUP_MS_DOC,
                CUTOVER_GROUP, ++order, Width.SHORT, "Catch-up (ms)");
        def.define(RETRIES, Type.INT, RETRIES_DEFAULT, Range.atLeast(1), Importance.LOW, RETRIES_DOC,
                CUTOVER_GROUP, ++order, Width.SHORT, "Attempts");
        def.define(BACKOFF_MS, Type.LONG, BACKOFF_MS_DEFAULT, Range.atLeast(0L), Importance.LOW, BACKOFF_MS_DOC,
                CUTOVER_GROUP, ++order, Width.SHORT, "Backoff (ms)");
        def.define(FORCE_AFTER_MS, Type.LONG, FORCE_AFTER_MS_DEFAULT, OptionValidators.FORCE_AFTER, Importance.LOW,
                FORCE_AFTER_MS_DOC, CUTOVER_GROUP, ++order, Width.SHORT, "Force after (ms)");
        def.define(CHECKSUM, Type.STRING, CHECKSUM_DEFAULT, ConfigDef.ValidString.in("on", "cutover", "off"), Importance.MEDIUM,
                CHECKSUM_DOC, CUTOVER_GROUP, ++order, Width.SHORT, "Checksum");
        def.define(SYNC_INTERVAL_MS, Type.LONG, SYNC_INTERVAL_MS_DEFAULT, Range.atLeast(10L), Importance.LOW,
                SYNC_INTERVAL_MS_DOC, CUTOVER_GROUP, ++order, Width.SHORT, "Sync interval (ms)");
        def.define(REVERT_WINDOW_MS, Type.LONG, REVERT_WINDOW_MS_DEFAULT, Range.atLeast(0L), Importance.MEDIUM,
                REVERT_WINDOW_MS_DOC, REVERT_GROUP, 1, Width.SHORT, "Revert window (ms)");
        def.define(RETIRE_DROP, Type.BOOLEAN, RETIRE_DROP_DEFAULT, Importance.LOW, RETIRE_DROP_DOC, REVERT_GROUP, 2,
                Width.SHORT, "Drop the retired table");
        def.define(STEP_RETRIES, Type.INT, STEP_RETRIES_DEFAULT, Range.between(1, 1_000), Importance.LOW,
                STEP_RETRIES_DOC, RETRY_GROUP, 1, Width.SHORT, "Step attempts");
        def.define(STEP_BACKOFF_MS, Type.LONG, STEP_BACKOFF_MS_DEFAULT, Range.between(10L, 3_600_000L),
                Importance.LOW, STEP_BACKOFF_MS_DOC, RETRY_GROUP, 2, Width.SHORT, "Step backoff (ms)");
        def.define(STEP_BACKOFF_MAX_MS, Type.LONG, STEP_BACKOFF_MAX_MS_DEFAULT, Range.between(10L, 3_600_000L),
                Importance.LOW, STEP_BACKOFF_MAX_MS_DOC, RETRY_GROUP, 3, Width.SHORT, "Step backoff cap (ms)");
        return def;
    }

    /** migration.id, or the connector's name when it is not set. */
    public static String migrationId(Map<String, String> props) {
        String id = props.get(ID);
        return id == null || id.isBlank() ? props.get(NAME) : id.trim();
    }

    @Override
    public ConnectionSettings connection() {
        return ConnectionConfig.settings(this);
    }

    @Override
    public String sidecar() {
        return getString(ConnectionConfig.SIDECAR);
    }

    @Override
    public String ddl() {
        return getString(DDL);
    }

    @Override
    public Target target() {
        return Target.fromWireName(getString(TARGET));
    }

    public String auditTopic() {
        return getString(AUDIT_TOPIC);
    }

    @Override
    public int chunkRows() {
        return getInt(CHUNK_ROWS);
    }

    @Override
    public int copyThreads() {
        return getInt(COPY_THREADS);
    }

    @Override
    public long deferIndexesRows() {
        return getLong(DEFER_INDEXES_ROWS);
    }

    @Override
    public CutoverSettings cutover() {
        return new CutoverSettings(getLong(LOCK_TIMEOUT_MS), getLong(CATCHUP_MS), getInt(RETRIES),
                getLong(BACKOFF_MS), getLong(FORCE_AFTER_MS));
    }

    @Override
    public Duration revertWindow() {
        return Duration.ofMillis(getLong(REVERT_WINDOW_MS));
    }

    @Override
    public boolean retireDrop() {
        return getBoolean(RETIRE_DROP);
    }

    @Override
    public int stepRetries() {
        return getInt(STEP_RETRIES);
    }

    @Override
    public long stepBackoffMs() {
        return getLong(STEP_BACKOFF_MS);
    }

    @Override
    public long stepBackoffMaxMs() {
        return getLong(STEP_BACKOFF_MAX_MS);
    }

    @Override
    public long syncIntervalMs() {
        return getLong(SYNC_INTERVAL_MS);
    }

    @Override
    public ThrottleSettings throttle() {
        return ThrottleConfig.settings(this, connection());
    }

    @Override
    public SwapChecksum.Scope checksum() {
        return SwapChecksum.Scope.fromWireName(getString(CHECKSUM));
    }
}
