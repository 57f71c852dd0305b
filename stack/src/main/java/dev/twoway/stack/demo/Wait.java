package dev.twoway.stack.demo;

import java.time.Duration;

/** Polls a condition until it holds or a deadline passes; the demo's only way to wait. */
final class Wait {
    interface Check {
        boolean holds() throws Exception;
    }

    private Wait() {
    }

    /** Polls every {@code every} until {@code check} holds; a DemoFailure naming {@code what} at the deadline. */
    static void until(Duration timeout, Duration every, String what, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
            }
            catch (DemoFailure e) {
                throw e;
            }
            catch (Exception e) {
                if (System.nanoTime() > deadline) {
                    throw new DemoFailure("not within " + timeout.toSeconds() + " s: " + what, e);
                }
            }
            if (System.nanoTime() > deadline) {
                throw new DemoFailure("not within " + timeout.toSeconds() + " s: " + what);
            }
            pause(every);
        }
    }

    static void pause(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoFailure("interrupted");
        }
    }
}
