package dev.twoway.coordinator.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.OptionalLong;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

class StageTimelineTest {
    private final AtomicLong nanos = new AtomicLong();
    private final StageTimeline timeline = new StageTimeline(nanos::get);

    @Test
    void aStageEndsWhenTheNextBeginsAndSaysHowLongItTook() {
        assertEquals(OptionalLong.empty(), timeline.entered("m", "queued"));
        nanos.addAndGet(250_000_000L);
        assertEquals(OptionalLong.of(250), timeline.entered("m", "copying 0 of 10 rows"));
    }

    @Test
    void stagesThatDifferOnlyByTheirFiguresAreOne() {
        timeline.entered("m", "copying 0 of 200,000 rows");
        nanos.addAndGet(1_000_000_000L);
        assertEquals(OptionalLong.empty(), timeline.entered("m", "copying 12,000 of 200,000 rows"));
        nanos.addAndGet(500_000_000L);
        assertEquals(OptionalLong.of(1_500), timeline.entered("m", "copied; building the shadow's secondary indexes"));
    }

    @Test
    void eachMigrationHasItsOwnTimeline() {
        timeline.entered("a", "queued");
        nanos.addAndGet(100_000_000L);
        timeline.entered("b", "queued");
        nanos.addAndGet(100_000_000L);
        assertEquals(OptionalLong.of(200), timeline.entered("a", "running"));
        assertEquals(OptionalLong.of(100), timeline.entered("b", "running"));
    }
}
