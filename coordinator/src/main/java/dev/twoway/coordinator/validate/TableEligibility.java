package dev.twoway.coordinator.validate;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Tables twoway never migrates, whatever the statement: the sidecar's own (a migration of
 * {@code migrations} would copy and swap the state it runs by), MySQL's system schemas', and
 * twoway's shadow, old and retired tables (another migration's working tables). Decides only.
 */
final class TableEligibility {
    private static final Set<String> SYSTEM = Set.of("mysql", "sys", "information_schema", "performance_schema");
    /** The names {@code TableNames} gives, also when the table's name was cut to fit ({@code ~}). */
    private static final Pattern TWOWAY_TABLE = Pattern.compile(".*_tw[0-9a-f]{6}_(new|old|hold_[0-9]{14})");

    private TableEligibility() {
    }

    static Optional<String> problem(String sidecar, String schema, String table) {
        String name = schema + "." + table;
        if (schema.equalsIgnoreCase(sidecar)) {
            return Optional.of("table " + name + " is in twoway's sidecar database (twoway.database): twoway does not "
                    + "migrate its own state");
        }
        if (SYSTEM.contains(schema.toLowerCase(Locale.ROOT))) {
            return Optional.of("table " + name + " is in MySQL's system schema " + schema + ": twoway migrates only "
                    + "tables of your own databases");
        }
        if (TWOWAY_TABLE.matcher(table).matches()) {
            return Optional.of("table " + name + " is named like a table twoway makes beside a migrated one (shadow, "
                    + "old or retired: <table>_tw<hash>_new|old|hold_<time>); migrate the table itself");
        }
        return Optional.empty();
    }
}
