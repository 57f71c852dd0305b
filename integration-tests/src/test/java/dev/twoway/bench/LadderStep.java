package dev.twoway.bench;

/** The figures of one rung of the write-rate ladder, filled in as the rung runs. */
final class LadderStep {
    final int rate;
    double ceiling = Double.NaN;
    double ceilingTx = Double.NaN;
    double achieved = Double.NaN;
    double achievedTx = Double.NaN;
    double writerP99Ms = Double.NaN;
    double copyRowsPerS = Double.NaN;
    double toReadyS = Double.NaN;
    double lagP50Ms = Double.NaN;
    double lagP99Ms = Double.NaN;
    double markerLagP99Ms = Double.NaN;
    double cutoverS = Double.NaN;
    long lockedAttempts = -1;

    LadderStep(int rate) {
        this.rate = rate;
    }

    int rate() {
        return rate;
    }

    /** The writers' achieved statements/s and transactions/s with no migration running. */
    void ceiling(double perSecond, double transactionsPerSecond) {
        ceiling = perSecond;
        ceilingTx = transactionsPerSecond;
    }

    void copy(double rowsPerS, double secondsToReady) {
        copyRowsPerS = rowsPerS;
        toReadyS = secondsToReady;
    }

    void lag(double p50Ms, double p99Ms, double markerP99Ms) {
        lagP50Ms = p50Ms;
        lagP99Ms = p99Ms;
        markerLagP99Ms = markerP99Ms;
    }

    /** From the {@code PUT} of {@code complete} to the state, and the attempts that got the lock (its markers). */
    void cutover(double seconds, long locked) {
        cutoverS = seconds;
        lockedAttempts = locked;
    }

    /** The writers' statements/s, transactions/s and latency p99 from the migration's request to {@code complete}. */
    void achieved(double perSecond, double transactionsPerSecond, double p99Ms) {
        achieved = perSecond;
        achievedTx = transactionsPerSecond;
        writerP99Ms = p99Ms;
    }

    /** The migration's own time: request to {@code ready}, then {@code PUT} to {@code complete} (the probe's hold left out). */
    double totalS() {
        return toReadyS + cutoverS;
    }

    boolean firstAttempt() {
        return lockedAttempts == 1;
    }

    @Override
    public String toString() {
        return String.format("%,d writes/s target: %.0f/s (%.0f tx/s) with no migration, %.0f/s (%.0f tx/s) during it "
                        + "(p99 %.0f ms); copy %.0f rows/s; lag p50 %.0f ms p99 %.0f ms (markers p99 %.0f ms); total %.1f s; "
                        + "cut-over %.2f s, %d locked attempt(s)", rate, ceiling, ceilingTx, achieved, achievedTx, writerP99Ms,
                copyRowsPerS, lagP50Ms, lagP99Ms, markerLagP99Ms, totalS(), cutoverS, lockedAttempts);
    }
}
