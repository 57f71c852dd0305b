package dev.twoway.stack.demo;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * {@code ./twoway demo --deploy}: the walk-through's statement on {@code users} as the first member
 * of a deploy request that also creates {@code user_notes} and drops {@code sessions}, so the
 * cut-over and the revert are each one RENAME of three tables. After the cut-over notes are written
 * to the created table; after the revert the dropped table is back with every row and the created
 * one is parked with its notes. Reads and writes the demo's database only.
 */
final class DemoRequest {
    static final String NOTES = "user_notes";
    static final String SESSIONS = "sessions";
    static final int SESSION_ROWS = 1_000;
    private static final String FORMAT = "  %-50s %-24s %s";
    private static final int NOTES_WRITTEN = 3;

    private final MySqlTarget mysql;
    private final Console console;
    private final String sidecar;

    DemoRequest(MySqlTarget mysql, Console console, String sidecar) {
        this.mysql = mysql;
        this.console = console;
        this.sidecar = sidecar;
    }

    /** The request's statements: the demo's ALTER, then the CREATE and the DROP. */
    static String statements(String alter) {
        String db = "`" + DemoTable.DATABASE + "`.";
        return alter + ";\nCREATE TABLE " + db + "`" + NOTES + "` (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
                + "user_id BIGINT NOT NULL, body VARCHAR(255) NULL, KEY by_user (user_id));\nDROP TABLE " + db + "`"
                + SESSIONS + "`";
    }

    /** The table the request drops, with rows of its own. */
    void createSessions() throws SQLException {
        execute("CREATE TABLE `" + DemoTable.DATABASE + "`.`" + SESSIONS + "` (id BIGINT NOT NULL AUTO_INCREMENT PRIMARY "
                + "KEY, token CHAR(32) NOT NULL)", "SET SESSION cte_max_recursion_depth = " + (SESSION_ROWS + 1),
                // Not MD5(n): the sandbox's MySQL 9.7 build has no MD5() (it is looked up as a stored function).
                "INSERT INTO `" + DemoTable.DATABASE + "`.`" + SESSIONS + "` (token) WITH RECURSIVE seq(n) AS (SELECT 1 "
                        + "UNION ALL SELECT n + 1 FROM seq WHERE n < " + SESSION_ROWS + ") SELECT LPAD(HEX(n), 32, '0') "
                        + "FROM seq");
        console.line(String.format("table     %s.%s created with %,d rows (the request drops it)", DemoTable.DATABASE,
                SESSIONS, SESSION_ROWS));
    }

    /** After the cut-over: the created table is live (notes go into it) and the dropped one is gone. */
    void afterCutover() throws SQLException {
        for (int i = 1; i <= NOTES_WRITTEN; i++) {
            execute("INSERT INTO `" + DemoTable.DATABASE + "`.`" + NOTES + "` (user_id, body) VALUES (" + i
                    + ", 'note " + i + "')");
        }
        console.line("after     wrote " + NOTES_WRITTEN + " notes into " + NOTES + " (created by the request); "
                + SESSIONS + " is " + (exists(SESSIONS) ? "still there" : "parked"));
    }

    /** Once reverted: every member in one swap, the dropped table back whole, the created one parked with its notes. */
    boolean verify(String request) throws SQLException {
        List<String[]> members = query("SELECT migration_id, kind, state, cutover_at, shadow_table FROM `" + sidecar
                + "`.`migrations` WHERE deploy_id = '" + request + "' ORDER BY deploy_order");
        boolean passed = check("members reverted in one RENAME", members.size() + " members, "
                + members.stream().map(m -> m[3]).distinct().count() + " cutover_at", members.size() == 3
                && members.stream().allMatch(m -> "reverted".equals(m[2]))
                && members.stream().map(m -> m[3]).distinct().count() == 1);
        passed &= check(SESSIONS + " (dropped, then reverted)", count(SESSIONS) + " rows", exists(SESSIONS)
                && count(SESSIONS) == SESSION_ROWS);
        String parked = members.size() == 3 ? members.get(1)[4] : "?";
        passed &= check(NOTES + " (created, then reverted)", exists(NOTES) ? "live" : "parked as " + parked,
                !exists(NOTES) && exists(parked) && count(parked) == NOTES_WRITTEN);
        return passed;
    }

    private boolean check(String label, String value, boolean ok) {
        console.line(String.format(FORMAT, label, value, ok ? "ok" : "FAILED").stripTrailing());
        return ok;
    }

    private boolean exists(String table) throws SQLException {
        return !query("SELECT 1 FROM information_schema.TABLES WHERE TABLE_SCHEMA = '" + DemoTable.DATABASE
                + "' AND TABLE_NAME = '" + table + "'").isEmpty();
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT COUNT(*) FROM `" + DemoTable.DATABASE + "`.`" + table + "`").get(0)[0]);
    }

    private void execute(String... statements) throws SQLException {
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }

    private List<String[]> query(String sql) throws SQLException {
        return mysql.query(sql);
    }
}
