package dev.twoway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;

/** The CPU read from /proc: this JVM's own threads, and a child's once it has been waited for. */
class CpuSpanTest {
    @Test
    void countsThisJvmsWorkAndAWaitedChildsApart() throws Exception {
        long self = ProcessHandle.current().pid();
        CpuSpan span = CpuSpan.start(self);
        long spinUntil = System.nanoTime() + 400_000_000L;
        long x = 0;
        while (System.nanoTime() < spinUntil) {
            x += x * 31 + 7;
        }
        Process child = new ProcessBuilder(List.of("sh", "-c",
                "i=0; while [ $i -lt 200000 ]; do i=$((i+1)); done")).start();
        assertEquals(0, child.waitFor());
        Sample sample = Sample.of("t", new Condition("idle", 0), 1);
        span.record(sample);

        double jvm = sample.get(Metric.JVM_CPU_S);
        assertTrue(jvm >= 0.3, "400 ms of spinning counted as " + jvm + " s (" + x + ")");
        assertTrue(sample.get(Metric.TOOL_CPU_S) >= 0.05, "the child's loop: " + sample.get(Metric.TOOL_CPU_S) + " s");
        assertEquals(jvm, sample.get(Metric.SERVER_CPU_S), 0.05, "the 'server' here is this JVM");
        assertTrue(sample.get(Metric.CORES_BUSY) > 0.5, "cores busy: " + sample.get(Metric.CORES_BUSY));
    }
}
