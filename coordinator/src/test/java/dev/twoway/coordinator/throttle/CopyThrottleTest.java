package dev.twoway.coordinator.throttle;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.Test;

/** The gate the copy's workers pass: paused by the operator, no figure is read (no connection is needed). */
class CopyThrottleTest {
    private static ThrottleSettings paused() {
        return new ThrottleSettings(true, 0, 0, List.of(), "", "", 0, 100, 0);
    }

    @Test
    void nothingWatchedLetsEveryChunkGo() throws InterruptedException {
        try (CopyThrottle throttle = new CopyThrottle(ThrottleSettings.NONE, null, null)) {
            assertFalse(throttle.check().throttled());
            assertTrue(throttle.pass(() -> false));
        }
    }

    @Test
    void aHeldWorkerIsReleasedWhenTheCopyStops() throws InterruptedException {
        AtomicBoolean stopping = new AtomicBoolean();
        AtomicBoolean passed = new AtomicBoolean(true);
        try (CopyThrottle throttle = new CopyThrottle(paused(), null, null)) {
            Thread worker = new Thread(() -> {
                try {
                    passed.set(throttle.pass(stopping::get));
                }
                catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            worker.start();
            worker.join(300);
            assertTrue(worker.isAlive(), "paused: the worker is held");
            stopping.set(true);
            worker.join(5_000);
            assertFalse(worker.isAlive(), "the stopping copy releases its held worker");
            assertFalse(passed.get(), "released without copying a chunk");
        }
    }

    @Test
    void theTimeHeldIsCounted() throws InterruptedException {
        try (CopyThrottle throttle = new CopyThrottle(paused(), null, null)) {
            throttle.check();
            long until = System.nanoTime() + 400_000_000L;
            while (System.nanoTime() < until) {
                throttle.check();
                Thread.sleep(20); // paces the checks; the figure is read at most every 100 ms
            }
            assertTrue(throttle.throttledMs() >= 200, "held ms counted: " + throttle.throttledMs());
        }
    }
}
