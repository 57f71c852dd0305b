package dev.twoway.coordinator.copy;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The plain secondary indexes ({@code KEY}: not unique, not full-text, not spatial) of a
 * {@code SHOW CREATE TABLE}, as the definitions it prints, and what a rebuild still lacks.
 * Only decides; {@link DeferredIndexes} reads and writes.
 */
final class PlainKeys {
    private static final Pattern PLAIN_KEY = Pattern.compile("^\\s*KEY `((?:[^`]|``)+)` .*?,?$");

    private PlainKeys() {
    }

    /**
     * The {@code KEY …} lines of a {@code SHOW CREATE TABLE}, without their trailing commas. Not an
     * index with a functional key part ({@code ((expr))}): MySQL builds those only with a lock on
     * the table ("LOCK=NONE is not supported"), so they stay on the shadow during the copy.
     */
    static List<String> of(String createTable) {
        List<String> keys = new ArrayList<>();
        for (String line : createTable.split("\n")) {
            if (PLAIN_KEY.matcher(line).matches() && !line.contains("((")) {
                String definition = line.strip();
                keys.add(definition.endsWith(",") ? definition.substring(0, definition.length() - 1) : definition);
            }
        }
        return keys;
    }

    /** The index name of a {@code KEY `name` (…)} definition. */
    static String name(String definition) {
        Matcher m = PLAIN_KEY.matcher(definition);
        if (!m.matches()) {
            throw new IllegalArgumentException("not a KEY definition: " + definition);
        }
        return m.group(1).replace("``", "`");
    }

    /** Those of {@code wanted} whose index name is not among {@code present}. */
    static List<String> missing(List<String> wanted, List<String> present) {
        return wanted.stream().filter(d -> present.stream().noneMatch(p -> name(p).equals(name(d)))).toList();
    }

    /** Those of {@code wanted} not found verbatim among {@code present}. */
    static List<String> differing(List<String> wanted, List<String> present) {
        return wanted.stream().filter(d -> !present.contains(d)).toList();
    }
}
