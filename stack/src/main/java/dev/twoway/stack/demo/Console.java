package dev.twoway.stack.demo;

import java.io.PrintStream;

/**
 * The demo's output. On a terminal a status line is redrawn in place with {@code \r}; otherwise
 * status lines are printed as plain lines, at most one every {@link #PLAIN_EVERY_NANOS}.
 */
final class Console {
    private static final long PLAIN_EVERY_NANOS = 2_000_000_000L;

    private final PrintStream out;
    private final boolean tty;
    private String status;
    private long lastPlainStatus;

    Console(PrintStream out, boolean tty) {
        this.out = out;
        this.tty = tty;
    }

    /** A permanent line (ends a status line first). */
    synchronized void line(String text) {
        endStatus();
        out.println(text);
        out.flush();
    }

    /** An indented line under the previous one. */
    void detail(String text) {
        line("  " + text);
    }

    synchronized void error(String text) {
        endStatus();
        out.println("twoway demo: " + text);
        out.flush();
    }

    /** A line that replaces the previous status line; {@code force} prints it even between plain intervals. */
    synchronized void status(String text, boolean force) {
        if (tty) {
            String padding = status != null && status.length() > text.length()
                    ? " ".repeat(status.length() - text.length()) : "";
            out.print("\r" + text + padding);
            out.flush();
            status = text;
            return;
        }
        long now = System.nanoTime();
        if (force || now - lastPlainStatus >= PLAIN_EVERY_NANOS) {
            out.println(text);
            out.flush();
            lastPlainStatus = now;
        }
    }

    private void endStatus() {
        if (tty && status != null) {
            out.println();
            status = null;
        }
    }
}
