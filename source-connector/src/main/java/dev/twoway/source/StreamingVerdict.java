package dev.twoway.source;

/**
 * Decides from successive {@link StreamingSample}s whether the source streams. Debezium's binlog
 * reader runs in a thread of its own; when processing an event throws an {@link Error} (a
 * {@code StackOverflowError} while parsing a DDL statement, say), nothing catches it: the thread
 * ends, the connection closes, and the task stays RUNNING with nothing to stream (issue 11,
 * defect 6). Debezium handles every other failure itself: it fails the task, or stops its
 * metrics and restarts after a retriable error. So the sign of a silent death is metrics that
 * stay registered while the reader has been disconnected, after it had connected, for
 * {@code stallAfterMs}. Only decides; reads nothing, writes nothing.
 */
final class StreamingVerdict {
    enum Kind {
        /** Not yet streaming: Debezium reads the tables' structure, connects, or restarts. */
        STARTING,
        /** The binlog reader is connected. */
        STREAMING,
        /** The reader lost its connection moments ago; Debezium may yet reconnect or fail the task. */
        DISCONNECTED,
        /** The reader has been gone for longer than anything Debezium does on its own: the task must fail. */
        STALLED
    }

    /** What the verdict is, and since when (epoch ms) the reader has been disconnected (-1: it is not). */
    record Verdict(Kind kind, long disconnectedSince) {
    }

    private final long stallAfterMs;
    private boolean connectedOnce;
    private long disconnectedSince = -1;

    StreamingVerdict(long stallAfterMs) {
        this.stallAfterMs = stallAfterMs;
    }

    Verdict judge(StreamingSample sample, long nowMs) {
        if (!sample.registered()) {
            connectedOnce = false;
            disconnectedSince = -1;
            return new Verdict(Kind.STARTING, -1);
        }
        if (sample.connected()) {
            connectedOnce = true;
            disconnectedSince = -1;
            return new Verdict(Kind.STREAMING, -1);
        }
        // A reader that connected and died between two samples has still counted its disconnect.
        if (!connectedOnce && sample.disconnects() == 0) {
            return new Verdict(Kind.STARTING, -1);
        }
        if (disconnectedSince < 0) {
            disconnectedSince = nowMs;
        }
        return new Verdict(nowMs - disconnectedSince >= stallAfterMs ? Kind.STALLED : Kind.DISCONNECTED, disconnectedSince);
    }
}
