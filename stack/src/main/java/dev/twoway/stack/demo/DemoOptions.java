package dev.twoway.stack.demo;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/** The demo's command line: {@code ./twoway demo [--rows N] [--ddl "ALTER TABLE …"]}. */
record DemoOptions(int rows, String ddl, int rate, Path repo, boolean tty, boolean deploy) {
    static final int ROWS_DEFAULT = 200_000;
    static final int RATE_DEFAULT = 200;
    static final String USAGE = String.join("\n",
            "usage: ./twoway demo [--rows N] [--ddl \"ALTER TABLE users …\"] [--rate N] [--deploy]",
            "  --rows  rows of the generated twoway_demo.users (default 200,000; at least 10)",
            "  --ddl   the schema change (default: ALTER TABLE users " + DemoDdl.DEFAULT + ");",
            "          it must leave the column name alone",
            "  --rate  statements per second of the live writer (default 200)",
            "  --deploy the statement as the first member of a deploy request that also creates",
            "          twoway_demo.user_notes and drops twoway_demo.sessions: one cut-over, one revert");

    static DemoOptions parse(String... args) {
        int rows = ROWS_DEFAULT;
        int rate = RATE_DEFAULT;
        String ddl = DemoDdl.DEFAULT;
        Path repo = Path.of(".");
        boolean tty = false;
        boolean deploy = false;
        Deque<String> rest = new ArrayDeque<>(Arrays.asList(args));
        while (!rest.isEmpty()) {
            String option = rest.pop();
            switch (option) {
                case "--rows" -> rows = number(option, value(option, rest), 10);
                case "--rate" -> rate = number(option, value(option, rest), 1);
                case "--ddl" -> ddl = value(option, rest);
                case "--repo" -> repo = Path.of(value(option, rest));
                case "--tty" -> tty = true;
                case "--deploy" -> deploy = true;
                case "-h", "--help" -> throw new DemoFailure(USAGE, 0);
                default -> throw new DemoFailure("unknown option " + option + "\n" + USAGE, 2);
            }
        }
        return new DemoOptions(rows, ddl, rate, repo.toAbsolutePath().normalize(), tty, deploy);
    }

    private static String value(String option, Deque<String> rest) {
        if (rest.isEmpty()) {
            throw new DemoFailure(option + " needs a value\n" + USAGE, 2);
        }
        return rest.pop();
    }

    private static int number(String option, String text, int min) {
        try {
            int n = Integer.parseInt(text.replace("_", "").replace(",", ""));
            if (n >= min) {
                return n;
            }
        }
        catch (NumberFormatException ignored) {
            // reported below
        }
        throw new DemoFailure(option + " must be a number of at least " + min + ", not '" + text + "'", 2);
    }
}
