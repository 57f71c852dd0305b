package dev.twoway.coordinator.source;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The captures of the sources' rows, each built once per JVM: a capture is Debezium's connector
 * config and table filter, about half a millisecond to build, and a shared sidecar keeps the row
 * of every source ever deployed, which every validate(), admission, start gate and stream check
 * reads (265 rows of earlier test runs cost 40 to 146 ms each time when each built its own).
 * Least recently used first out past {@link #BOUND}; a capture is immutable, so one serves all.
 */
final class SourceCaptures {
    static final int BOUND = 1024;

    private static final Map<String, SourceCapture> BUILT = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, SourceCapture> eldest) {
            return size() > BOUND;
        }
    };

    private SourceCaptures() {
    }

    /** The capture a source recorded; empty when twoway cannot read it (it captures nothing twoway can vouch for). */
    static Optional<SourceCapture> of(String captureJson) {
        synchronized (BUILT) {
            SourceCapture known = BUILT.get(captureJson);
            if (known != null) {
                return Optional.of(known);
            }
        }
        SourceCapture built;
        try {
            built = SourceCapture.of(captureJson);
        }
        catch (RuntimeException e) {
            return Optional.empty();
        }
        synchronized (BUILT) {
            return Optional.of(BUILT.computeIfAbsent(captureJson, k -> built));
        }
    }
}
