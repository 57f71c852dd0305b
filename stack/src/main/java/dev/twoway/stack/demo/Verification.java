package dev.twoway.stack.demo;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The end of the walk-through, once the writer has stopped: the live table against the
 * writer's model, Savannah and the renamed user, and the row counts of both tables.
 */
final class Verification {
    private static final String FORMAT = "  %-50s %-24s %s";

    private final MySqlTarget mysql;
    private final Console console;
    private boolean passed = true;

    Verification(MySqlTarget mysql, Console console) {
        this.mysql = mysql;
        this.console = console;
    }

    /** Prints the table; true when every check holds. */
    boolean run(ModelWriter writer, String parkedTable) throws SQLException {
        String live = DemoTable.qualified();
        String parked = "`" + DemoTable.DATABASE + "`.`" + parkedTable + "`";
        console.line("verify");
        long liveRows = count(live);
        row("rows in " + DemoTable.DATABASE + "." + DemoTable.TABLE + " (live, old schema)", String.format("%,d", liveRows), "");
        row("rows in " + DemoTable.DATABASE + "." + parkedTable + " (parked)", String.format("%,d", awaitCount(parked, liveRows)), "");
        List<String> differences = differences(writer.model(), writer.columns(), live);
        check("rows differing from the writer's model", Integer.toString(differences.size()), differences.isEmpty());
        differences.stream().limit(3).forEach(d -> console.detail("  e.g. " + d));
        savannah(live);
        renamed(live);
        return passed;
    }

    private void savannah(String live) throws SQLException {
        List<String[]> rows = query("SELECT id, title FROM " + live + " WHERE name = 'Savannah'");
        boolean ok = rows.size() == 1 && rows.get(0)[1] == null;
        String value = rows.size() == 1 ? "title " + (rows.get(0)[1] == null ? "NULL" : "'" + rows.get(0)[1] + "'")
                : rows.size() + " rows";
        check("Savannah (inserted after the cut-over)", value, ok);
    }

    private void renamed(String live) throws SQLException {
        List<String[]> rows = query("SELECT name, title FROM " + live + " WHERE id = " + DemoTable.RENAMED_ID);
        boolean ok = rows.size() == 1 && "Robert".equals(rows.get(0)[0]) && "Manager".equals(rows.get(0)[1]);
        String value = rows.isEmpty() ? "missing" : rows.get(0)[0] + ", title " + rows.get(0)[1];
        check("Bob, id " + DemoTable.RENAMED_ID + " (renamed after the cut-over)", value, ok);
    }

    private List<String> differences(Map<Long, String[]> model, List<String> columns, String live) throws SQLException {
        Map<Long, String[]> actual = ModelWriter.read(mysql, live, columns);
        Set<Long> ids = new HashSet<>(model.keySet());
        ids.addAll(actual.keySet());
        List<String> differences = new ArrayList<>();
        for (Long id : ids) {
            if (!Arrays.equals(model.get(id), actual.get(id))) {
                differences.add("id " + id + ": expected " + describe(model.get(id)) + " but was " + describe(actual.get(id)));
            }
        }
        return differences;
    }

    /** The parked table follows through the sink: give it a few seconds to reach the live count. */
    private long awaitCount(String table, long expected) throws SQLException {
        long[] count = {count(table)};
        try {
            Wait.until(Duration.ofSeconds(15), Duration.ofMillis(250), "parked table in sync", () -> {
                count[0] = count(table);
                return count[0] == expected;
            });
        }
        catch (DemoFailure notYet) {
            // shown as it is: the parked table is informative, the live table is what is checked
        }
        return count[0];
    }

    private long count(String table) throws SQLException {
        return Long.parseLong(query("SELECT COUNT(*) FROM " + table).get(0)[0]);
    }

    private List<String[]> query(String sql) throws SQLException {
        return mysql.query(sql);
    }

    private void check(String label, String value, boolean ok) {
        passed &= ok;
        row(label, value, ok ? "ok" : "FAILED");
    }

    private void row(String label, String value, String verdict) {
        console.line(String.format(FORMAT, label, value, verdict).stripTrailing());
    }

    private static String describe(String[] row) {
        return row == null ? "no row" : Arrays.toString(row);
    }
}
