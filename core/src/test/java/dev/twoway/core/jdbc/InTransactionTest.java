package dev.twoway.core.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class InTransactionTest {

    /** A connection that only records the transaction calls made on it. */
    private static final class FakeConnection {
        final List<String> calls = new ArrayList<>();
        boolean autoCommit;
        SQLException rollbackFailure;

        FakeConnection(boolean autoCommit) {
            this.autoCommit = autoCommit;
        }

        Connection connection() {
            return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Connection.class},
                    (proxy, method, args) -> switch (method.getName()) {
                        case "getAutoCommit" -> autoCommit;
                        case "setAutoCommit" -> {
                            autoCommit = (Boolean) args[0];
                            calls.add("autoCommit=" + autoCommit);
                            yield null;
                        }
                        case "commit", "rollback" -> {
                            calls.add(method.getName());
                            if (method.getName().equals("rollback") && rollbackFailure != null) {
                                throw rollbackFailure;
                            }
                            yield null;
                        }
                        default -> throw new UnsupportedOperationException(method.getName());
                    });
        }
    }

    @Test
    void commitsTheWorkAndRestoresAutoCommit() throws SQLException {
        FakeConnection fake = new FakeConnection(true);
        Connection c = fake.connection();
        boolean result = InTransaction.run(c, () -> {
            fake.calls.add("work");
            return true;
        });
        assertEquals(true, result);
        assertEquals(List.of("autoCommit=false", "work", "commit", "autoCommit=true"), fake.calls);
    }

    @Test
    void rollsBackAFailedWorkAndRestoresAutoCommit() {
        FakeConnection fake = new FakeConnection(true);
        SQLException failure = new SQLException("insert failed");
        SQLException thrown = assertThrows(SQLException.class, () -> InTransaction.run(fake.connection(), () -> {
            fake.calls.add("work");
            throw failure;
        }));
        assertSame(failure, thrown);
        assertEquals(List.of("autoCommit=false", "work", "rollback", "autoCommit=true"), fake.calls);
    }

    @Test
    void aFailedRollbackDoesNotHideTheFirstError() {
        FakeConnection fake = new FakeConnection(true);
        fake.rollbackFailure = new SQLException("connection gone");
        SQLException failure = new SQLException("insert failed");
        SQLException thrown = assertThrows(SQLException.class, () -> InTransaction.run(fake.connection(), () -> {
            throw failure;
        }));
        assertSame(failure, thrown);
        assertSame(fake.rollbackFailure, thrown.getSuppressed()[0]);
    }

    @Test
    void insideTheCallersTransactionItNeitherCommitsNorRollsBack() throws SQLException {
        FakeConnection fake = new FakeConnection(false);
        InTransaction.run(fake.connection(), () -> fake.calls.add("work"));
        assertEquals(List.of("work"), fake.calls);
        assertThrows(SQLException.class, () -> InTransaction.run(fake.connection(), () -> {
            throw new SQLException("insert failed");
        }));
        assertEquals(List.of("work"), fake.calls);
    }
}
