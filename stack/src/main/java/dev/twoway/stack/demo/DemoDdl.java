package dev.twoway.stack.demo;

import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The statement the demo migrates: {@code --ddl} as given ("ALTER TABLE users …", any database,
 * or just the part after the table name), always run on the demo's table; and the columns it
 * leaves alone, which are the ones the live writer may write.
 */
record DemoDdl(String statement, List<String> untouchedColumns) {
    static final String DEFAULT = "DROP COLUMN title";
    private static final Pattern ALTER = Pattern.compile(
            "(?is)\\s*ALTER\\s+TABLE\\s+(?:`?[\\w$]+`?\\s*\\.\\s*)?`?([\\w$]+)`?\\s+(.+)");

    static DemoDdl of(String given, String database, String table, List<String> columns) {
        String text = given.strip().replaceAll(";\\s*$", "");
        Matcher m = ALTER.matcher(text);
        if (m.matches() && !m.group(1).equalsIgnoreCase(table)) {
            throw new DemoFailure("--ddl: the demo migrates its table " + table + ", not " + m.group(1), 2);
        }
        String change = m.matches() ? m.group(2).strip() : text;
        if (change.isEmpty()) {
            throw new DemoFailure("--ddl: no change given", 2);
        }
        List<String> untouched = columns.stream().filter(c -> !mentions(change, c)).toList();
        if (!untouched.contains("name")) {
            throw new DemoFailure("--ddl: the walk-through writes the column name (Savannah, the rename);"
                    + " choose a statement that leaves name alone", 2);
        }
        return new DemoDdl("ALTER TABLE `" + database + "`.`" + table + "` " + change, untouched);
    }

    private static boolean mentions(String change, String column) {
        return Pattern.compile("(?<![\\w$])" + Pattern.quote(column.toLowerCase(Locale.ROOT)) + "(?![\\w$])")
                .matcher(change.toLowerCase(Locale.ROOT)).find();
    }
}
