package dev.twoway.coordinator.reconcile;

import java.time.Duration;

import dev.twoway.coordinator.cutover.CutoverSettings;
import dev.twoway.coordinator.step.SwapChecksum;
import dev.twoway.coordinator.throttle.ThrottleSettings;
import dev.twoway.core.jdbc.ConnectionSettings;

/**
 * The options the reconciler runs a migration with. The connector's {@code MigrationConfig}
 * implements it, so this layer knows nothing of Connect's configuration.
 */
public interface MigrationOptions {
    ConnectionSettings connection();

    String sidecar();

    String ddl();

    Target target();

    int chunkRows();

    int copyThreads();

    /** From how many estimated rows the shadow's plain secondary indexes are built after the copy. */
    long deferIndexesRows();

    CutoverSettings cutover();

    Duration revertWindow();

    boolean retireDrop();

    int stepRetries();

    long stepBackoffMs();

    long stepBackoffMaxMs();

    long syncIntervalMs();

    /** Which swaps are preceded by a checksum of the tables ({@code migration.checksum}). */
    default SwapChecksum.Scope checksum() {
        return SwapChecksum.Scope.EVERY_SWAP;
    }

    /** What holds the copy ({@code migration.throttle.*}). */
    default ThrottleSettings throttle() {
        return ThrottleSettings.NONE;
    }
}
