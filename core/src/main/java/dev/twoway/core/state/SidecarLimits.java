package dev.twoway.core.state;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What the sidecar's columns can hold, and the refusal of an option value that would not fit:
 * the columns of {@link SidecarSchema} are declared from these numbers, and every connector's
 * {@code validate()} checks its options against them, so a value that is accepted is stored
 * whole. (A value too long for its column failed only at the first write, and the step was
 * retried for ever with "Data too long" in the log.) Decides only.
 */
public final class SidecarLimits {
    /** {@code migration_id} columns: a migration id, or the coordinator connector's name standing for it. */
    public static final int MIGRATION_ID = 128;
    /** {@code sink_progress.connector}, {@code sinks.connector}, {@code schema_history.connector}. */
    public static final int CONNECTOR_NAME = 255;
    /** MySQL's limit for a database or table name, in characters. */
    public static final int IDENTIFIER = 64;
    /**
     * {@code migrations.ddl} is a MEDIUMTEXT (16 MiB); the statement is bounded far below, by what
     * Connect stores: a connector's whole configuration is one record of its config topic, 1 MB
     * by default.
     */
    public static final int STATEMENT_BYTES = 512 * 1024;

    /**
     * The sidecar database's name: an identifier MySQL takes unquoted and a grant names with only
     * {@code _} escaped, which every connector's regular expressions (Debezium's include and
     * exclude lists) take literally. A name with a backtick or a semicolon is valid quoted, but a
     * grant for it is easy to get wrong, and the connector then looped on "Access denied".
     */
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_]+");

    private SidecarLimits() {
    }

    public static Optional<String> migrationIdProblem(String option, String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(option + " is empty, and so is the connector's name that stands for it");
        }
        if (id.length() > MIGRATION_ID) {
            return Optional.of(option + " '" + abbreviate(id) + "' has " + id.length() + " characters; a migration id "
                    + "has at most " + MIGRATION_ID + " (the sidecar's migration_id columns)");
        }
        return Optional.empty();
    }

    public static Optional<String> connectorNameProblem(String name) {
        if (name != null && name.length() > CONNECTOR_NAME) {
            return Optional.of("the connector's name '" + abbreviate(name) + "' has " + name.length()
                    + " characters; twoway keys its state by it and takes at most " + CONNECTOR_NAME);
        }
        return Optional.empty();
    }

    public static Optional<String> databaseProblem(String option, String name) {
        if (name == null || name.isEmpty()) {
            return Optional.of(option + " is empty");
        }
        if (name.length() > IDENTIFIER) {
            return Optional.of(option + " '" + abbreviate(name) + "' has " + name.length() + " characters; MySQL takes "
                    + "at most " + IDENTIFIER + " for a database name");
        }
        if (!DATABASE.matcher(name).matches()) {
            return Optional.of(option + " '" + name + "' may hold only ASCII letters, digits and _ (it names the "
                    + "sidecar database in grants and in the source's table filters)");
        }
        return Optional.empty();
    }

    public static Optional<String> statementProblem(String option, String statement) {
        int bytes = statement == null ? 0 : statement.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > STATEMENT_BYTES) {
            return Optional.of(option + " has " + bytes + " bytes (UTF-8); twoway takes a statement of at most "
                    + STATEMENT_BYTES);
        }
        return Optional.empty();
    }

    private static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "…";
    }
}
