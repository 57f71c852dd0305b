package dev.twoway.coordinator.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import dev.twoway.core.state.SourceRow;
import dev.twoway.core.state.SourceState;

class SourceCoverageTest {
    private static final String SHOP = "{\"database.include.list\":\"shop,_twoway\",\"topic.prefix\":\"twoway\","
            + "\"table.exclude.list\":\"_twoway\\\\.(?!markers$).*\"}";
    private static final String ORDERS_ONLY = "{\"database.include.list\":\"shop,_twoway\",\"topic.prefix\":\"twoway\","
            + "\"table.include.list\":\"(?!.*\\\\..*_tw[0-9a-f]{6}_(new|old|hold_[0-9]{14})$)shop\\\\.orders,_twoway\\\\.markers\"}";
    private static final SourceCoverage.Knowledge KNOWS_ALL = knowledge(Optional.of(true), List.of("users", "orders"));

    private final SourceCoverage coverage = new SourceCoverage();

    @Test
    void aStreamingSourceThatCapturesAndKnowsTheTableStreamsIt() {
        assertEquals(Coverage.Kind.STREAMED, coverage.of(List.of(row("src", SHOP, SourceState.STREAMING, true, 100)),
                KNOWS_ALL, "shop", "users").kind());
    }

    @Test
    void runningSourcesThatLeaveTheTableOutRefuseItAndSayWhatTheyCapture() {
        Coverage c = coverage.of(List.of(row("src", ORDERS_ONLY, SourceState.STREAMING, true, 100)), KNOWS_ALL, "shop", "users");

        assertEquals(Coverage.Kind.UNCAPTURED, c.kind());
        assertTrue(c.refusesMigration());
        assertTrue(c.reason().contains("no running source connector captures shop.users")
                && c.reason().contains("src (database.include.list=shop,_twoway, table.include.list=shop\\.orders,"), c.reason());
    }

    @Test
    void noRunningSourceAtAllIsADeploymentStillStarting() {
        Coverage none = coverage.of(List.of(), KNOWS_ALL, "shop", "users");
        Coverage onlyStopped = coverage.of(List.of(row("old", ORDERS_ONLY, SourceState.STOPPED, false, 90_000)), KNOWS_ALL,
                "shop", "users");

        assertEquals(Coverage.Kind.WAITING, none.kind());
        assertEquals(Coverage.Kind.WAITING, onlyStopped.kind());
        assertTrue(none.reason().contains("no running source connector is registered"), none.reason());
    }

    @Test
    void aCapturingSourceThatDoesNotStreamIsWaitedForWithItsReason() {
        Coverage failed = coverage.of(List.of(row("src", SHOP, SourceState.FAILED, false, 100)), KNOWS_ALL, "shop", "users");
        Coverage silent = coverage.of(List.of(row("src", SHOP, SourceState.STREAMING, true, 30_000)), KNOWS_ALL, "shop", "users");

        assertEquals(Coverage.Kind.WAITING, failed.kind());
        assertTrue(failed.reason().contains("source src, which captures shop.users, is failed: why"), failed.reason());
        assertTrue(silent.reason().contains("has not been heard from for 30 s"), silent.reason());
    }

    @Test
    void aCapturingSourceWithoutTheTablesSchemaRefusesIt() {
        Coverage c = coverage.of(List.of(row("src", SHOP, SourceState.STREAMING, true, 100)),
                knowledge(Optional.of(false), List.of("users")), "shop", "users");

        assertEquals(Coverage.Kind.UNKNOWN_SCHEMA, c.kind());
        assertTrue(c.reason().contains("has no schema for it"), c.reason());
    }

    @Test
    void aSourceThatHasNotSaidWhatItKnowsIsTakenAtItsWord() {
        assertEquals(Coverage.Kind.STREAMED, coverage.of(List.of(row("src", SHOP, SourceState.STREAMING, true, 100)),
                knowledge(Optional.empty(), List.of("users")), "shop", "users").kind());
    }

    @Test
    void oneStreamingCapturingSourceIsEnoughAmongOthers() {
        List<SourceRow> rows = List.of(row("down", SHOP, SourceState.FAILED, false, 100),
                row("up", SHOP, SourceState.STREAMING, true, 100));

        assertEquals(Coverage.Kind.STREAMED, coverage.of(rows, KNOWS_ALL, "shop", "users").kind());
    }

    @Test
    void twoTablesWhoseChangesShareATopicAreRefused() {
        Coverage c = coverage.of(List.of(row("src", SHOP, SourceState.STREAMING, true, 100)),
                knowledge(Optional.of(true), List.of("order items", "order_items", "orders")), "shop", "order items");

        assertEquals(Coverage.Kind.SHARED_TOPIC, c.kind());
        assertTrue(c.reason().contains("shop.order items and shop.order_items go to one topic, twoway.shop.order_items"),
                c.reason());
        assertEquals(Coverage.Kind.STREAMED, coverage.of(List.of(row("src", ORDERS_ONLY, SourceState.STREAMING, true, 100)),
                knowledge(Optional.of(true), List.of("orders", "orders_tw0a1b2c_new")), "shop", "orders").kind(),
                "a table the source leaves out shares nothing");
    }

    @Test
    void theTopicOfATableIsDebeziumsName() {
        assertEquals("twoway.shop.order_items", SourceCapture.of(SHOP).topic("shop", "order items"));
    }

    private static SourceCoverage.Knowledge knowledge(Optional<Boolean> knows, List<String> tables) {
        return new SourceCoverage.Knowledge() {
            @Override
            public Optional<Boolean> knows(String connector, String database, String table) {
                return knows;
            }

            @Override
            public List<String> tables(String database) {
                return tables;
            }
        };
    }

    private static SourceRow row(String name, String capture, SourceState state, boolean connected, long silentMs) {
        return new SourceRow(name, "twoway", capture, state, connected, Instant.EPOCH,
                state == SourceState.FAILED ? "why" : null, Instant.EPOCH, silentMs);
    }
}
