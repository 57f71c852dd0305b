package dev.twoway.bench;

import dev.twoway.it.support.TestMySql;

/**
 * The floor: one {@code INSERT … SELECT} of the projected columns into an empty copy with the
 * new schema. No tool can copy faster through SQL; it keeps nothing in sync and swaps nothing.
 */
final class FloorCopy implements Tool {
    private final TestMySql mysql;
    private final String db;
    private final long rows;

    FloorCopy(TestMySql mysql, String db, long rows) {
        this.mysql = mysql;
        this.db = db;
        this.rows = rows;
    }

    @Override
    public String name() {
        return "INSERT … SELECT (floor)";
    }

    @Override
    public String tablePrefix() {
        return "floor_";
    }

    @Override
    public Undo migrate(String table, Load load, Sample sample) throws Exception {
        String source = "`" + db + "`.`" + table + "`";
        String copy = "`" + db + "`.`" + table + "_copy`";
        mysql.execute("DROP TABLE IF EXISTS " + copy, "CREATE TABLE " + copy + " LIKE " + source,
                "ALTER TABLE " + copy + " " + DDL);
        CpuSpan cpu = CpuSpan.start(mysql);
        long start = System.nanoTime();
        mysql.execute("INSERT INTO " + copy + " (id, k, name, c, pad) SELECT id, k, name, c, pad FROM " + source);
        double seconds = (System.nanoTime() - start) / 1e9;
        cpu.record(sample);
        mysql.execute("DROP TABLE " + copy);
        sample.with(Metric.TOTAL_S, seconds).with(Metric.COPY_ROWS_PER_S, rows / seconds);
        return Undo.NOTHING;
    }
}
