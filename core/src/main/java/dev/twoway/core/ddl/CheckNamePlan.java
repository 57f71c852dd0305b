package dev.twoway.core.ddl;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The names the CHECK constraints of a table get on its shadow, so that after the swap the
 * table has exactly the names MySQL's own ALTER would give it. Check names are unique in a
 * database, so the shadow cannot hold the table's names beside it. But {@code RENAME TABLE}
 * renames a check named {@code <table>_chk_<N>} to {@code <new name>_chk_<N>} and keeps the
 * number, and MySQL numbers an added check one above the highest. So a generated name
 * {@code t_chk_N} becomes {@code <shadow>_chk_N} on the shadow (and {@code t_chk_N} again at the
 * swap), a check with a name of its own that the statement drops gets a passing name on the
 * shadow (the statement drops it there), and one that survives cannot be carried at all.
 * Only decides.
 */
public final class CheckNamePlan {
    private static final int MAX_NAME = 64;

    private final String table;
    private final String target;
    private final List<String> checks;
    private final CheckChanges changes;

    /**
     * @param table the table the statement changes
     * @param target the table built beside it (the shadow, or the scratch table under its name)
     * @param checks the table's check names before the statement
     */
    public CheckNamePlan(String table, String target, List<String> checks, CheckChanges changes) {
        this.table = table;
        this.target = target;
        this.checks = List.copyOf(checks);
        this.changes = changes;
    }

    /** The name the target gets for the table's check {@code name} (in its CREATE TABLE). */
    public String onTarget(String name) {
        OptionalInt number = generatedNumber(name);
        if (number.isPresent()) {
            return target + "_chk_" + number.getAsInt();
        }
        if (changes.drops(name)) {
            return passingName(name);
        }
        throw new DdlException(survivingMessage(name));
    }

    /**
     * The name to use, in the statement applied to the target, for a check the statement names: a
     * generated name (an existing one, or a new one of that form) takes the target's number-keeping
     * form, a check of its own the statement drops its passing name; any other name (a new check's,
     * a unique key's in DROP CONSTRAINT) stays.
     */
    public String inStatement(String name) {
        OptionalInt number = generatedNumber(name);
        if (number.isPresent()) {
            return target + "_chk_" + number.getAsInt();
        }
        if (changes.drops(name) && checks.stream().anyMatch(name::equalsIgnoreCase)) {
            return passingName(name);
        }
        return name;
    }

    /**
     * Why the checks cannot be carried, each reason on its own: a check with a name of its own that
     * survives the statement, one dropped and added again under its name, and generated names
     * that grow too long on the tables twoway renames.
     *
     * @param renamedTo every name the table (and its new version) will have while twoway holds it:
     *                  shadow, old and retired names
     */
    public List<String> problems(String schema, List<String> renamedTo) {
        List<String> problems = new ArrayList<>();
        for (String check : checks) {
            if (generatedNumber(check).isEmpty() && !changes.drops(check)) {
                problems.add(survivingMessage(check));
            }
            if (generatedNumber(check).isEmpty() && changes.drops(check)
                    && changes.added().stream().anyMatch(check::equalsIgnoreCase)) {
                problems.add("CHECK constraint `" + check + "` of " + schema + "." + table + " cannot be dropped and "
                        + "added again under its own name: the table holds that name until the swap; add it under "
                        + "a new name");
            }
        }
        tooLong(renamedTo).ifPresent(problems::add);
        return problems;
    }

    /** The highest number a generated check may get, on any name the table takes, must fit MySQL's 64 characters. */
    private Optional<String> tooLong(List<String> renamedTo) {
        List<String> named = new ArrayList<>(checks);
        named.addAll(changes.added());
        int highest = named.stream().map(this::generatedNumber).filter(OptionalInt::isPresent)
                .mapToInt(OptionalInt::getAsInt).max().orElse(0) + changes.unnamed();
        if (highest == 0) {
            return Optional.empty();
        }
        for (String name : renamedTo) {
            String longest = name + "_chk_" + highest;
            if (longest.length() > MAX_NAME) {
                return Optional.of("the CHECK constraints of " + table + " have generated names (" + table + "_chk_<N>), "
                        + "which MySQL renames with the table: as " + name + " a check would be named " + longest
                        + ", " + longest.length() + " characters, over MySQL's 64. Give the table a shorter name, or "
                        + "its checks names of their own");
            }
        }
        return Optional.empty();
    }

    private String survivingMessage(String check) {
        return "table " + table + " has CHECK constraint `" + check + "`, whose name twoway cannot keep: check names are "
                + "unique in a database, and the shadow must hold the constraint beside the table until the swap (only "
                + "generated names, " + table + "_chk_<N>, follow a RENAME). Drop it in this statement and add it "
                + "again, under a new name (DROP CHECK `" + check + "`, ADD CONSTRAINT `new_name` CHECK (...)) or "
                + "without one (ADD CHECK (...)), which MySQL names " + table + "_chk_<N>";
    }

    /** N of a name {@code <table>_chk_<N>}, the form MySQL generates and RENAME TABLE carries along. */
    private OptionalInt generatedNumber(String name) {
        Matcher m = Pattern.compile(Pattern.quote(table.toLowerCase(Locale.ROOT)) + "_chk_([1-9][0-9]{0,8})")
                .matcher(name.toLowerCase(Locale.ROOT));
        return m.matches() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
    }

    /** A name unique in the database for the short life of a check the statement drops on the target. */
    private String passingName(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((target + '\0' + name.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8));
            return "tw" + HexFormat.of().formatHex(digest, 0, 6) + "_dropped";
        }
        catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
