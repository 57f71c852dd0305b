package dev.twoway.it.support;

import java.sql.SQLException;

/** The tables the end-to-end tests and benchmarks migrate. */
public final class TestTables {
    private TestTables() {
    }

    /** {@code users (id, name, title)} with {@code rows} rows: "user <i>", "engineer". */
    public static void createUsers(TestMySql mysql, String schema, int rows) throws SQLException {
        String users = dev.twoway.core.Sql.qualified(schema, "users");
        mysql.execute("CREATE TABLE " + users + " (id BIGINT PRIMARY KEY AUTO_INCREMENT, name VARCHAR(64) NULL, "
                        + "title VARCHAR(64) NULL)",
                "SET SESSION cte_max_recursion_depth = " + rows,
                "INSERT INTO " + users + " (name, title) WITH RECURSIVE n (i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n "
                        + "WHERE i < " + rows + ") SELECT CONCAT('user ', i), 'engineer' FROM n");
    }

    /**
     * {@code id bigint PK auto_increment, k int, name varchar(64), title varchar(64) null,
     * c char(120), pad char(60)}, index on {@code k}, with {@code rows} generated rows
     * (every third title NULL). The rows are written without binary logging: they stand for a
     * table's history, which a real pipeline streamed long ago, and would otherwise cost every
     * test a bulk load through Debezium and the sink before its migration even starts.
     */
    public static void createItems(TestMySql mysql, String schema, String table, int rows) throws SQLException {
        String qualified = dev.twoway.core.Sql.qualified(schema, table);
        mysql.execute("CREATE TABLE " + qualified + " (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, k INT NULL, "
                + "name VARCHAR(64) NULL, title VARCHAR(64) NULL, c CHAR(120) NULL, pad CHAR(60) NULL, KEY k_idx (k))");
        for (int from = 1; from <= rows; from += 100_000) {
            int to = Math.min(rows, from + 99_999);
            mysql.execute("SET SESSION cte_max_recursion_depth = 200000", "SET SESSION sql_log_bin = 0",
                    "INSERT INTO " + qualified + " (k, name, title, c, pad) "
                            + "WITH RECURSIVE seq(n) AS (SELECT " + from + " UNION ALL SELECT n + 1 FROM seq WHERE n < " + to + ") "
                            + "SELECT n % 1000, CONCAT('name-', n), IF(n % 3 = 0, NULL, CONCAT('title-', n)), "
                            + "CONCAT('c-', n, '-', REPEAT('x', 100)), CONCAT('pad-', n) FROM seq");
        }
    }
}
