package dev.twoway.coordinator.source;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * A source's capture is Debezium's connector config and table filter, about half a millisecond
 * to build; a shared sidecar knows every source ever deployed, and each validate(), admission and
 * start gate asked about all of them with a cache of its own (265 rows of earlier test runs: 40 to
 * 146 ms each time). Built once per JVM now, within a bound.
 */
class SourceCapturesTest {
    private static String capture(String prefix) {
        return "{\"database.include.list\":\"shop\",\"topic.prefix\":\"" + prefix + "\"}";
    }

    @Test
    void aCaptureIsBuiltOnceForEveryCoverageThatAsks() {
        String json = capture("once");
        assertSame(SourceCaptures.of(json).orElseThrow(), SourceCaptures.of(json).orElseThrow());
        assertTrue(SourceCaptures.of(json).orElseThrow().captures("shop", "users"));
    }

    @Test
    void theCacheKeepsTheCapturesUsedLastWithinItsBound() {
        String first = capture("first");
        SourceCapture built = SourceCaptures.of(first).orElseThrow();
        for (int i = 0; i < SourceCaptures.BOUND; i++) {
            SourceCaptures.of(capture("other" + i));
        }
        assertNotSame(built, SourceCaptures.of(first).orElseThrow());
    }

    @Test
    void anUnreadableCaptureCapturesNothing() {
        assertTrue(SourceCaptures.of("not json").isEmpty());
    }
}
