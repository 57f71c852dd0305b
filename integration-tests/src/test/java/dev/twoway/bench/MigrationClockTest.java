package dev.twoway.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

class MigrationClockTest {
    @Test
    void everyPollOfOneMigrationIsReadOnTheSameConnection() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        AtomicInteger closed = new AtomicInteger();
        Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("close")) {
                        closed.incrementAndGet();
                        return null;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
        Deque<String> states = new ArrayDeque<>(List.of("queued", "running", "running", "ready", "complete"));
        AtomicInteger reads = new AtomicInteger();
        MigrationClock clock = MigrationClock.await(() -> {
            opened.incrementAndGet();
            return connection;
        }, (c, migration) -> {
            assertSame(connection, c);
            reads.incrementAndGet();
            return Map.of("state", states.pop(), "stage", "s");
        }, "m1", "complete", Duration.ofSeconds(10));
        assertEquals(5, reads.get());
        assertEquals(1, opened.get(), "one connection for every poll");
        assertEquals(1, closed.get(), "closed once the state is reached");
        assertTrue(clock.firstSeen("complete") >= clock.firstSeen("queued"));
    }
}
