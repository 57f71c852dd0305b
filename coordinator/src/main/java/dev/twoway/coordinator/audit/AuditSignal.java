package dev.twoway.coordinator.audit;

import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The reconciler's nudge to the poll thread that it committed an audit row, so the row is read
 * at once rather than at the next periodic read. Only a shortcut: what is published comes from
 * the {@code audit} table, so a lost nudge delays a record and never loses it.
 */
public final class AuditSignal {
    private final Semaphore written = new Semaphore(0);

    public void written() {
        written.release();
    }

    /** Waits at most {@code waitMs} for a write since the last call; true when one came. */
    public boolean await(long waitMs) throws InterruptedException {
        boolean came = written.tryAcquire(waitMs, TimeUnit.MILLISECONDS);
        written.drainPermits();
        return came;
    }
}
