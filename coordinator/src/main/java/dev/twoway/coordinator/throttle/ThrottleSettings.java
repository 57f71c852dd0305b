package dev.twoway.coordinator.throttle;

import java.util.List;

/**
 * The {@code migration.throttle.*} options: the operator's pause, a limit per figure (0: the
 * figure is not watched), the replicas to watch and as whom, how often the figures are read and
 * the shortest pause.
 */
public record ThrottleSettings(boolean paused, long threadsRunning, long sinkLagMs, List<String> replicas,
                               String replicaUser, String replicaPassword, long replicaLagMs, long checkMs,
                               long minPauseMs) {
    /** Nothing watched, never paused: what unit tests and fakes run with. */
    public static final ThrottleSettings NONE = new ThrottleSettings(false, 0, 0, List.of(), "", "", 0, 1_000, 0);

    public ThrottleSettings {
        replicas = List.copyOf(replicas);
    }

    /** Whether anything can throttle the copy (else no reader runs at all). */
    public boolean active() {
        return paused || threadsRunning > 0 || sinkLagMs > 0 || (replicaLagMs > 0 && !replicas.isEmpty());
    }

    @Override
    public String toString() {
        return "ThrottleSettings[paused=" + paused + ", threadsRunning=" + threadsRunning + ", sinkLagMs=" + sinkLagMs
                + ", replicas=" + replicas + ", replicaUser=" + replicaUser + ", replicaLagMs=" + replicaLagMs
                + ", checkMs=" + checkMs + ", minPauseMs=" + minPauseMs + "]";
    }
}
