package dev.twoway.stack.demo;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * What the demo started, as the actions that undo it, run last-in first-out exactly once:
 * at the end, on failure, or from the shutdown hook on Ctrl-C.
 */
final class Cleanup {
    interface Undo {
        void run() throws Exception;
    }

    private record Step(String what, Undo undo) {
    }

    private final Deque<Step> steps = new ArrayDeque<>();
    private final Console console;
    private boolean done;

    Cleanup(Console console) {
        this.console = console;
    }

    /** Registers an undo; after {@link #runAll} (Ctrl-C came first) it runs at once instead. */
    synchronized void add(String what, Undo undo) {
        steps.push(new Step(what, undo));
        if (done) {
            runAll();
        }
    }

    /** Runs every step even when one fails; a failed step is reported, not thrown. */
    synchronized void runAll() {
        done = true;
        while (!steps.isEmpty()) {
            Step step = steps.pop();
            try {
                step.undo().run();
                console.detail("cleanup: " + step.what());
            }
            catch (Exception e) {
                console.error("cleanup: " + step.what() + " failed: " + e.getMessage());
            }
        }
    }
}
