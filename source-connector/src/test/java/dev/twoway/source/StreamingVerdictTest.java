package dev.twoway.source;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

import dev.twoway.source.StreamingVerdict.Kind;

class StreamingVerdictTest {
    private static final StreamingSample CONNECTED = new StreamingSample(true, true, 10, 5, 0, "binlog.000001", 400);
    private static final StreamingSample CONNECTING = new StreamingSample(true, false, -1, -1, 0, null, -1);
    private static final StreamingSample DEAD = new StreamingSample(true, false, 10, 5, 1, "binlog.000001", 400);

    private final StreamingVerdict verdict = new StreamingVerdict(5_000);

    @Test
    void aReaderThatHasNotConnectedYetIsStartingHoweverLong() {
        assertEquals(Kind.STARTING, verdict.judge(StreamingSample.ABSENT, 0).kind());
        assertEquals(Kind.STARTING, verdict.judge(CONNECTING, 1_000).kind());
        assertEquals(Kind.STARTING, verdict.judge(CONNECTING, 600_000).kind());
    }

    @Test
    void aReaderGoneWhileTheMetricsStayIsStalledAfterTheTimeout() {
        assertEquals(Kind.STREAMING, verdict.judge(CONNECTED, 0).kind());
        StreamingVerdict.Verdict lost = verdict.judge(DEAD, 1_000);
        assertEquals(Kind.DISCONNECTED, lost.kind());
        assertEquals(1_000, lost.disconnectedSince());
        assertEquals(Kind.DISCONNECTED, verdict.judge(DEAD, 5_999).kind());
        StreamingVerdict.Verdict stalled = verdict.judge(DEAD, 6_000);
        assertEquals(Kind.STALLED, stalled.kind());
        assertEquals(1_000, stalled.disconnectedSince());
    }

    @Test
    void aReaderThatDiedBetweenTwoSamplesCountsByItsDisconnects() {
        assertEquals(Kind.DISCONNECTED, verdict.judge(DEAD, 0).kind());
        assertEquals(Kind.STALLED, verdict.judge(DEAD, 5_000).kind());
    }

    @Test
    void aReconnectEndsTheWait() {
        verdict.judge(CONNECTED, 0);
        verdict.judge(DEAD, 1_000);
        assertEquals(Kind.STREAMING, verdict.judge(CONNECTED, 4_000).kind());
        assertEquals(Kind.DISCONNECTED, verdict.judge(DEAD, 8_000).kind(), "the wait starts over");
        assertEquals(Kind.STALLED, verdict.judge(DEAD, 13_000).kind());
    }

    @Test
    void metricsGoneMeanDebeziumRestartsItselfAndTheWaitStartsOver() {
        verdict.judge(CONNECTED, 0);
        verdict.judge(DEAD, 1_000);
        assertEquals(Kind.STARTING, verdict.judge(StreamingSample.ABSENT, 3_000).kind());
        assertEquals(Kind.STARTING, verdict.judge(CONNECTING, 20_000).kind(), "the new reader has not connected yet");
    }
}
