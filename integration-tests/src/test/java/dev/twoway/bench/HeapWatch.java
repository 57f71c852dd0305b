package dev.twoway.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The heap of the test JVM, where the embedded Connect worker runs (with the Kafka broker and the
 * bench itself, so the figures are an upper bound for the worker). Two figures: the peak usage of
 * the heap pools since the last reset (summed over pools, so it counts garbage a collector had not
 * yet reclaimed), and the largest heap left after a collection, sampled every 100 ms.
 */
final class HeapWatch implements AutoCloseable {
    private final List<MemoryPoolMXBean> pools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "bench-heap-sampler");
        thread.setDaemon(true);
        return thread;
    });
    private volatile long maxAfterGc;

    HeapWatch() {
        sampler.scheduleAtFixedRate(this::sample, 100, 100, TimeUnit.MILLISECONDS);
    }

    /** Collects, then starts both figures afresh. */
    void reset() {
        System.gc();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);
        maxAfterGc = afterGc();
    }

    double peakMb() {
        return pools.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum() / 1048576.0;
    }

    double afterGcMb() {
        return Math.max(maxAfterGc, afterGc()) / 1048576.0;
    }

    private void sample() {
        maxAfterGc = Math.max(maxAfterGc, afterGc());
    }

    private long afterGc() {
        return pools.stream().map(MemoryPoolMXBean::getCollectionUsage).filter(u -> u != null)
                .mapToLong(MemoryUsage::getUsed).sum();
    }

    @Override
    public void close() {
        sampler.shutdownNow();
    }
}
