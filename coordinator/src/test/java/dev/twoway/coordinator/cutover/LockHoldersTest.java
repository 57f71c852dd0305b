package dev.twoway.coordinator.cutover;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class LockHoldersTest {
    @Test
    void anIdleTransactionIsNamedWithItsLastStatement() {
        assertEquals("connection 42 (app@10.0.0.5, 14 s idle in a transaction; last statement: SELECT * FROM shop.users "
                + "WHERE id = 1)", LockHolders.holder(42, "app", "10.0.0.5", 14, "Sleep", null,
                "SELECT *\n  FROM shop.users WHERE id = 1"));
    }

    @Test
    void aRunningStatementIsNamedByItsFirstWords() {
        assertEquals("connection 7 (report@localhost, 93 s running: SELECT COUNT(*) FROM shop.users u JOIN shop.orders o "
                + "ON o.us…)", LockHolders.holder(7, "report", "localhost", 93, "Query",
                "SELECT COUNT(*) FROM shop.users u JOIN shop.orders o ON o.user_id = u.id GROUP BY u.country", null));
    }
}
