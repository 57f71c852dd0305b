package dev.twoway.coordinator.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

class StreamNoticeTest {
    @Test
    void leadsTheMessageAndLeavesTheRestAlone() {
        assertEquals("stream: source down", StreamNotice.compose(null, "source down"));
        assertEquals("stream: source down\nrevert refused: x", StreamNotice.compose("revert refused: x", "source down"));
        assertEquals("stream: other\nrevert refused: x", StreamNotice.compose("stream: source down\nrevert refused: x", "other"));
    }

    @Test
    void goesWhenSolvedAndLeavesNothingEmpty() {
        assertNull(StreamNotice.compose("stream: source down", null));
        assertEquals("revert refused: x", StreamNotice.compose("stream: source down\nrevert refused: x", null));
        assertEquals("revert refused: x", StreamNotice.without("revert refused: x"));
        assertNull(StreamNotice.without(""));
    }

    @Test
    void aNoticeStaysOnOneLine() {
        assertEquals("stream: a b", StreamNotice.compose(null, "a\nb"));
    }
}
