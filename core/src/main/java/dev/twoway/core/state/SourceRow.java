package dev.twoway.core.state;

import java.time.Instant;

/**
 * One source connector as its task last reported it in {@code sources}: what it captures
 * ({@code capture}, the Debezium filter and topic naming options it runs with, as a JSON object)
 * and how it streams. {@code silentMs} is the time since its last heartbeat, on the server's clock.
 */
public record SourceRow(String connector, String topicPrefix, String capture, SourceState state, boolean connected,
                        Instant lastEventAt, String message, Instant startedAt, long silentMs) {
    /** A task writes its heartbeat every second; one silent for this long is gone (its worker died, say). */
    public static final long SILENT_AFTER_MS = 10_000;

    /** Running, as far as the row tells: starting or streaming, and heard from recently. */
    public boolean live() {
        return (state == SourceState.STARTING || state == SourceState.STREAMING) && silentMs < SILENT_AFTER_MS;
    }

    /** Live and connected to the binlog. */
    public boolean streams() {
        return live() && state == SourceState.STREAMING && connected;
    }
}
