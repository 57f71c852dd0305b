package dev.twoway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import jdk.jfr.consumer.RecordingFile;

class ProfileTest {
    @TempDir
    Path dir;

    @Test
    void aRunIsRecordedUnderTheToolsConditionAndRun() throws Exception {
        Sample sample = new Sample("twoway, no topic yet", new Condition("load", 500), 2, Map.of());
        try (Profile ignored = Profile.start(Optional.of(dir), sample)) {
            busyFor(200);
        }
        Path file = dir.resolve("twoway-no-topic-yet-load-2.jfr");
        assertTrue(Files.size(file) > 0, "the recording is written");
        assertTrue(RecordingFile.readAllEvents(file).stream().anyMatch(e -> e.getEventType().getName()
                .equals("jdk.ExecutionSample")), "the profile settings sample the threads");
    }

    @Test
    void withoutADirectoryNothingIsRecorded() throws Exception {
        Sample sample = Sample.of("twoway", new Condition("idle", 0), 1);
        try (Profile ignored = Profile.start(Optional.empty(), sample)) {
            busyFor(10);
        }
        try (var files = Files.list(dir)) {
            assertEquals(0, files.count());
        }
        assertEquals("twoway-idle-1.jfr", Profile.fileName(sample));
    }

    private static void busyFor(long millis) {
        long end = System.nanoTime() + millis * 1_000_000;
        long x = 0;
        while (System.nanoTime() < end) {
            x += Long.numberOfTrailingZeros(x + 1);
        }
        assertTrue(x >= 0);
    }
}
