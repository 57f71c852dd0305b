package dev.twoway.coordinator.throttle;

import java.util.List;
import java.util.Optional;

/**
 * Decides whether the copy goes on, from the operator's pause and the latest readings: any
 * reading over its limit throttles it, and once throttled it stays so for at least
 * {@code minPauseNanos}, so a copy whose own chunks push a figure over the limit (its
 * {@code INSERT … SELECT}s are running threads too) pauses in steps of that length instead of
 * flapping on every chunk (gh-ost and Spirit throttle the same way, without a floor). Only
 * decides; not thread-safe ({@link CopyThrottle} serialises it).
 */
public final class Throttle {
    /** Throttled or not; why and since when (System.nanoTime) when throttled. */
    public record Verdict(boolean throttled, String reason, long sinceNanos) {
        public static final Verdict CLEAR = new Verdict(false, null, 0);

        /**
         * E.g. {@code copy throttled: Threads_running 64 > 32 (for 4.1 s); copying 42,000 of 100,000 rows},
         * the reason cut short to fit the state row's stage ({@link #STAGE_CHARS}).
         */
        public String stage(String what, long nowNanos, String then) {
            String head = what + " throttled: ";
            String tail = String.format(" (for %.1f s)", Math.max(0, nowNanos - sinceNanos) / 1e9)
                    + (then == null ? "" : "; " + then);
            int room = Math.max(0, STAGE_CHARS - head.length() - tail.length());
            String why = reason.length() <= room ? reason : reason.substring(0, Math.max(0, room - 1)) + "…";
            String stage = head + why + tail;
            return stage.length() <= STAGE_CHARS ? stage : stage.substring(0, STAGE_CHARS);
        }
    }

    /** The state row's stage column holds this many characters. */
    public static final int STAGE_CHARS = 255;
    static final String PAUSED = "paused by the operator (migration.throttle.paused=true)";

    private final long minPauseNanos;
    private Verdict verdict = Verdict.CLEAR;

    public Throttle(long minPauseMs) {
        this.minPauseNanos = minPauseMs * 1_000_000L;
    }

    public Verdict decide(boolean paused, List<Reading> readings, long nowNanos) {
        Optional<String> reason = paused ? Optional.of(PAUSED)
                : readings.stream().filter(Reading::over).map(Reading::words).findFirst();
        if (reason.isPresent()) {
            verdict = new Verdict(true, reason.get(), verdict.throttled() ? verdict.sinceNanos() : nowNanos);
        }
        else if (verdict.throttled() && nowNanos - verdict.sinceNanos() >= minPauseNanos) {
            verdict = Verdict.CLEAR;
        }
        return verdict;
    }

    public Verdict verdict() {
        return verdict;
    }
}
