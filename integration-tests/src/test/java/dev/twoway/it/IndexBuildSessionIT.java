package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.copy.IndexBuildSession;
import dev.twoway.it.support.TestMySql;

/**
 * The session a deferred index build runs in, on the real server: the sort buffer is raised to
 * 64 MiB while the build runs, the session's own value comes back after it (also when the build
 * fails), and a session already given more keeps its own.
 */
class IndexBuildSessionIT {
    private static final long ONE_MIB = 1024 * 1024;
    private final TestMySql mysql = TestMySql.fromEnvironment();

    @Test
    void theBuildSortsInSixtyFourMibAndTheSessionGetsItsOwnBack() throws SQLException {
        try (Connection c = mysql.connect()) {
            set(c, 2 * ONE_MIB);
            assertEquals(IndexBuildSession.SORT_BUFFER_BYTES, bufferDuringBuild(c));
            assertEquals(2 * ONE_MIB, buffer(c));

            assertThrows(SQLException.class, () -> IndexBuildSession.withSortBuffer(c, () -> {
                throw new SQLException("the ALTER failed");
            }));
            assertEquals(2 * ONE_MIB, buffer(c), "restored after a failed build too");
        }
    }

    @Test
    void aSessionGivenMoreKeepsItsOwn() throws SQLException {
        try (Connection c = mysql.connect()) {
            set(c, 128 * ONE_MIB);
            assertEquals(128 * ONE_MIB, bufferDuringBuild(c));
            assertEquals(128 * ONE_MIB, buffer(c));
        }
    }

    /** The session's sort buffer as a build inside {@code withSortBuffer} sees it. */
    private static long bufferDuringBuild(Connection c) throws SQLException {
        List<Long> during = new ArrayList<>();
        IndexBuildSession.withSortBuffer(c, () -> during.add(buffer(c)));
        assertEquals(1, during.size(), "the build ran once");
        return during.get(0);
    }

    private static void set(Connection c, long bytes) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("SET SESSION innodb_ddl_buffer_size = " + bytes);
        }
    }

    private static long buffer(Connection c) throws SQLException {
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT @@SESSION.innodb_ddl_buffer_size")) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
