package dev.twoway.coordinator.cutover;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.coordinator.sidecar.MySqlTables;
import dev.twoway.core.Sql;

/**
 * Connection A of a swap: creates a sentry under the parking name of every member with a live
 * table and holds one {@code LOCK TABLES t WRITE, sentry WRITE, u WRITE, …} over all of them (one
 * statement: MySQL takes the locks together and breaks a deadlock with a writer's transaction);
 * on success drops sentries and unlocks. If this connection dies, MySQL releases the lock.
 */
public final class CutoverLock implements AutoCloseable {
    private final Connection a;
    private final List<SwapPlan.Member> live;

    /** {@code live}: the members whose table is live before the swap (at least one). */
    public CutoverLock(Connection a, List<SwapPlan.Member> live) {
        this.a = a;
        this.live = List.copyOf(live);
    }

    /** The session's lock wait bounded, and the sentries created: nothing a writer of the tables waits for. */
    public void prepare(long lockWaitSeconds) throws SQLException {
        execute("SET SESSION lock_wait_timeout = " + lockWaitSeconds);
        MySqlTables tables = new MySqlTables(a);
        for (SwapPlan.Member m : live) {
            tables.dropIfSentry(m.schema(), m.parking());
            execute(SentryTable.createSql(m.schema(), m.parking()));
        }
    }

    /** Bounded by lock_wait_timeout: a lock request that waits also blocks the writers queued behind it. */
    public void lock() throws SQLException {
        List<String> locks = new ArrayList<>();
        for (SwapPlan.Member m : live) {
            locks.add(Sql.qualified(m.schema(), m.table()) + " WRITE");
            locks.add(Sql.qualified(m.schema(), m.parking()) + " WRITE");
        }
        execute("LOCK TABLES " + String.join(", ", locks));
    }

    /** Drops the sentries of {@code members} (the others are handed over) and releases the lock. */
    public void dropSentriesAndUnlock(List<SwapPlan.Member> members) throws SQLException {
        for (SwapPlan.Member m : members) {
            execute("DROP TABLE " + Sql.qualified(m.schema(), m.parking()));
        }
        execute("UNLOCK TABLES");
    }

    public void unlock() throws SQLException {
        execute("UNLOCK TABLES");
    }

    private void execute(String sql) throws SQLException {
        try (Statement s = a.createStatement()) {
            s.execute(sql);
        }
    }

    @Override
    public void close() {
        try {
            a.close();
        }
        catch (SQLException ignored) {
            // closing releases the lock, which is all that matters here
        }
    }
}
