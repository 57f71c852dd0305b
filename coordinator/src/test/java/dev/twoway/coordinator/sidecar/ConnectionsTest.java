package dev.twoway.coordinator.sidecar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import org.junit.jupiter.api.Test;

/**
 * Connections opened ahead of the steps that need them: handed out unused, never once used,
 * checked and within their age, and closed when the task stops. The opener is a fake that
 * counts; the real server's side is every IT that runs a migration.
 */
class ConnectionsTest {
    private final List<Fake> opened = new CopyOnWriteArrayList<>();
    private final AtomicLong now = new AtomicLong();

    private final class Fake {
        final AtomicBoolean closed = new AtomicBoolean();
        volatile boolean valid = true;
        final Connection connection = (Connection) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "close" -> {
                        closed.set(true);
                        yield null;
                    }
                    case "isClosed" -> closed.get();
                    case "isValid" -> valid && !closed.get();
                    case "equals" -> proxy == args[0];
                    case "hashCode" -> System.identityHashCode(proxy);
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }

    private Connections connections() {
        return new Connections(() -> {
            Fake fake = new Fake();
            opened.add(fake);
            return fake.connection;
        }, now::get, Connections.SPARE_AGE);
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not within 10 s: " + what);
            }
            Thread.sleep(5);
        }
    }

    /** What was opened but not handed out in {@code handed}: the spares, in the order they were opened. */
    private List<Fake> except(Connection... handed) {
        List<Connection> out = List.of(handed);
        return opened.stream().filter(f -> !out.contains(f.connection)).toList();
    }

    private Fake fake(Connection c) {
        return opened.stream().filter(f -> f.connection == c).findFirst().orElseThrow();
    }

    @Test
    void theNextStepGetsAConnectionOpenedAheadOfItThatNobodyUsed() throws Exception {
        try (Connections connections = connections()) {
            Connection first = connections.open();
            await("two spares", () -> connections.spares() == Connections.SPARES);
            List<Connection> spares = except(first).stream().map(f -> f.connection).toList();
            Connection second = connections.open();
            assertNotSame(first, second);
            assertTrue(spares.contains(second), "the second is a spare opened before it was asked for");
            assertFalse(fake(second).closed.get());
            await("the spares refilled", () -> connections.spares() == Connections.SPARES);
        }
    }

    @Test
    void aSpareTooOldOrNoLongerValidIsClosedInsteadOfHandedOut() throws Exception {
        try (Connections connections = connections()) {
            Connection first = connections.open();
            await("two spares", () -> connections.spares() == Connections.SPARES);
            List<Fake> spares = except(first);
            spares.get(0).valid = false; // killed on the server, say
            now.addAndGet(Connections.SPARE_AGE.toNanos() / 2);
            Connection handed = connections.open();
            assertTrue(spares.get(0).closed.get(), "the invalid spare is closed");
            assertEquals(spares.get(1).connection, handed);
            now.addAndGet(Connections.SPARE_AGE.toNanos());
            await("new spares", () -> connections.spares() == Connections.SPARES);
            List<Fake> refilled = except(first, handed).stream().filter(f -> !spares.contains(f)).toList();
            assertEquals(Connections.SPARES, refilled.size());
            now.addAndGet(Connections.SPARE_AGE.toNanos() + 1);
            Connection fresh = connections.open();
            assertTrue(refilled.stream().allMatch(f -> f.closed.get()), "spares past their age are closed");
            assertFalse(refilled.stream().anyMatch(f -> f.connection == fresh));
        }
    }

    @Test
    void theSwapsConnectionsTakeTheSparesAndLeaveNoneBeingOpenedBehind() throws Exception {
        try (Connections connections = connections()) {
            Connection first = connections.open();
            await("two spares", () -> connections.spares() == Connections.SPARES);
            List<Connection> spares = except(first).stream().map(f -> f.connection).toList();
            Connection a = connections.openLast();
            Connection b = connections.openLast();
            assertEquals(spares, List.of(a, b), "the spares are handed out");
            assertEquals(0, connections.sparesAndOpening(), "no spare is opened in their place");
            Connection c = connections.openLast();
            assertEquals(1 + Connections.SPARES + 1, opened.size(), "without a spare, one is opened for the caller");
            assertFalse(spares.contains(c));
            assertEquals(0, connections.sparesAndOpening());
            connections.openAhead();
            await("spares opened ahead of a swap", () -> connections.spares() == Connections.SPARES);
            assertEquals(List.of(), List.of(a, b, c).stream().filter(x -> fake(x).closed.get()).toList());
        }
    }

    @Test
    void closingClosesTheSparesAndOpensNoMore() throws Exception {
        Connections connections = connections();
        Connection first = connections.open();
        await("two spares", () -> connections.spares() == Connections.SPARES);
        connections.close();
        assertTrue(except(first).stream().allMatch(f -> f.closed.get()));
        assertFalse(fake(first).closed.get(), "the caller's own connection is the caller's to close");
        assertEquals(0, connections.spares());
    }

    @Test
    void anUnusedSpareIsClosedAfterItsAgeEvenIfNoStepAsksAgain() throws Exception {
        try (Connections connections = new Connections(() -> {
            Fake fake = new Fake();
            opened.add(fake);
            return fake.connection;
        }, System::nanoTime, Duration.ofMillis(200))) {
            Connection first = connections.open();
            await("the spares closed after 200 ms",
                    () -> opened.size() == 1 + Connections.SPARES && connections.spares() == 0
                            && except(first).stream().allMatch(f -> f.closed.get()));
        }
    }
}
