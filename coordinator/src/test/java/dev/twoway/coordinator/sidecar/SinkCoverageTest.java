package dev.twoway.coordinator.sidecar;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import dev.twoway.core.jdbc.GrantSet;
import dev.twoway.core.state.SinkRegistry;
import dev.twoway.core.topic.Subscription;

class SinkCoverageTest {
    /**
     * A shared sidecar that has heard of hundreds of sinks: the message names the ten heard of
     * last and counts the rest (it listed them all, and the full suite's shared sidecar made it
     * longer than the state row's TEXT message: "Data too long for column 'message'" failed a copy).
     */
    @Test
    void aMessageNamesTheTenSinksHeardOfLastAndCountsTheRest() {
        List<SinkRegistry.Sink> sinks = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            sinks.add(new SinkRegistry.Sink("sink-" + i, Subscription.of("other." + i, null), "u", GrantSet.of(List.of()),
                    1_000L * (500 - i), true, Set.of()));
        }
        String message = SinkCoverage.noSink("shop", "users", sinks);
        assertTrue(message.length() < 2_000, message.length() + " characters");
        assertTrue(message.contains("'sink-499'") && !message.contains("'sink-0'"), message);
        assertTrue(message.contains(" and 490 more heard of longer ago"), message);
    }
}
