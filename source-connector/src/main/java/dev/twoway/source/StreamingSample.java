package dev.twoway.source;

/**
 * One reading of Debezium's streaming metrics: whether they are registered at all (they are not
 * while Debezium starts or restarts after a retriable error), whether the binlog reader is
 * connected, how long ago it saw its last event (-1: none yet), how far behind the server its last
 * event was (-1: not known), how often it lost its connection, and the binlog position it reads at.
 */
record StreamingSample(boolean registered, boolean connected, long msSinceLastEvent, long msBehindSource,
                       long disconnects, String binlogFile, long binlogPosition) {
    static final StreamingSample ABSENT = new StreamingSample(false, false, -1, -1, 0, null, -1);
}
