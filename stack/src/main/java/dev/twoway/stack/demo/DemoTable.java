package dev.twoway.stack.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * The demo's table, {@code twoway_demo.users}, dropped and created again with generated rows.
 * The first rows are the walk-through's cast (Alice, Bob, Carol without a title, Dave); every
 * third generated row has no title.
 */
final class DemoTable {
    static final String DATABASE = "twoway_demo";
    static final String TABLE = "users";
    static final List<String> COLUMNS = List.of("name", "title", "email", "score");
    /** The pre-existing user with a title whom the walk-through renames. */
    static final long RENAMED_ID = 2;
    private static final int BATCH = 100_000;

    private DemoTable() {
    }

    static String qualified() {
        return "`" + DATABASE + "`.`" + TABLE + "`";
    }

    static void recreate(Connection c, int rows) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DROP DATABASE IF EXISTS `" + DATABASE + "`");
            s.execute("CREATE DATABASE `" + DATABASE + "`");
            s.execute("CREATE TABLE " + qualified() + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,"
                    + " name VARCHAR(64) NULL, title VARCHAR(64) NULL, email VARCHAR(128) NULL, score INT NULL,"
                    + " KEY score_idx (score))");
            s.execute("INSERT INTO " + qualified() + " (id, name, title, email, score) VALUES"
                    + " (1, 'Alice', 'Engineer', 'alice@example.com', 10), (2, 'Bob', 'Manager', 'bob@example.com', 20),"
                    + " (3, 'Carol', NULL, 'carol@example.com', 30), (4, 'Dave', 'Designer', 'dave@example.com', 40)");
            s.execute("SET SESSION cte_max_recursion_depth = " + (BATCH + 1));
            for (int from = 5; from <= rows; from += BATCH) {
                int to = Math.min(rows, from + BATCH - 1);
                s.execute("INSERT INTO " + qualified() + " (id, name, title, email, score) WITH RECURSIVE seq(n) AS"
                        + " (SELECT " + from + " UNION ALL SELECT n + 1 FROM seq WHERE n < " + to + ")"
                        + " SELECT n, CONCAT('user-', n),"
                        + " IF(n % 3 = 0, NULL, ELT(1 + n % 5, 'Engineer', 'Manager', 'Designer', 'Analyst', 'Director')),"
                        + " CONCAT('user', n, '@example.com'), n % 1000 FROM seq");
            }
        }
    }

    /**
     * Forgets the migrations of earlier demo runs: their table is gone, and one left unfinished
     * (a run stopped mid-copy) would make the coordinator refuse a new migration of the table.
     */
    static void forgetEarlierRuns(Connection c, String sidecar) throws SQLException {
        try (Statement s = c.createStatement()) {
            s.execute("DELETE FROM `" + sidecar + "`.`migrations` WHERE table_schema = '" + DATABASE + "'");
            s.execute("DELETE FROM `" + sidecar + "`.`markers` WHERE table_schema = '" + DATABASE + "'");
        }
        catch (SQLException e) {
            if (e.getErrorCode() != 1146 && e.getErrorCode() != 1049) { // no such table / database: nothing to forget
                throw e;
            }
        }
    }
}
