package dev.twoway.it.support;

import java.time.Duration;
import java.util.function.Supplier;

/** Waits for a condition with a deadline: the only way tests synchronise. */
public final class Poll {
    private Poll() {
    }

    public interface Check {
        boolean holds() throws Exception;
    }

    /** Polls {@code check} every 50 ms until it holds; fails with {@code what} after {@code timeout}. */
    public static void until(Duration timeout, String what, Check check) {
        until(timeout, () -> what, check);
    }

    public static void until(Duration timeout, Supplier<String> what, Check check) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        while (true) {
            try {
                if (check.holds()) {
                    return;
                }
                last = null;
            }
            catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within " + timeout.toSeconds() + " s: " + what.get(), last);
            }
            try {
                Thread.sleep(50);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for: " + what.get(), e);
            }
        }
    }
}
