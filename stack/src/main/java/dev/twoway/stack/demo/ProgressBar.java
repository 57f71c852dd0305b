package dev.twoway.stack.demo;

/** The copy's progress as one line: a bar, the percentage, rows, rows per second and the ETA. */
final class ProgressBar {
    private static final int WIDTH = 30;

    private final long startNanos = System.nanoTime();
    private long firstCopied = -1;

    String render(MigrationStatus status) {
        long copied = status.rowsCopied();
        long total = Math.max(status.rowsTotal(), 1);
        if (firstCopied < 0) {
            firstCopied = copied;
        }
        int percent = (int) Math.min(100, copied * 100 / total);
        int filled = (int) Math.min(WIDTH, copied * WIDTH / total);
        double seconds = Math.max((System.nanoTime() - startNanos) / 1e9, 0.001);
        long rate = Math.round((copied - firstCopied) / seconds);
        String eta = status.etaSeconds() == null ? "ETA -" : "ETA " + formatSeconds(status.etaSeconds());
        return String.format("copy      [%s%s] %3d%%  %,d/%,d rows  %,d rows/s  %s", "#".repeat(filled),
                ".".repeat(WIDTH - filled), percent, copied, status.rowsTotal(), rate, eta);
    }

    double elapsedSeconds() {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    static String formatSeconds(long seconds) {
        return seconds < 60 ? seconds + " s" : String.format("%d min %02d s", seconds / 60, seconds % 60);
    }
}
