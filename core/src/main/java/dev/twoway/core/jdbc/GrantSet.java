package dev.twoway.core.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The privileges a MySQL user holds, from {@code SHOW GRANTS} (which, for the current user,
 * expands its active roles, where {@code information_schema}'s privilege tables do not): global
 * ones, database-level ones by their pattern ({@code _} and {@code %} wildcards, {@code \_}
 * literal), and partial revokes. Table- and column-level grants are not counted: the tables
 * twoway writes (shadow, old) come and go, so only a database-level grant covers them. A database
 * named exactly by a grant takes that grant's privileges (MySQL's most specific row); otherwise
 * every matching wildcard grant counts. Reads once; decides.
 */
public final class GrantSet {
    private static final Pattern GRANT = Pattern.compile("^GRANT (.+?) ON (.+?) TO .*$", Pattern.DOTALL);
    private static final Pattern REVOKE = Pattern.compile("^REVOKE (.+?) ON (.+?) FROM .*$", Pattern.DOTALL);
    private static final Pattern DATABASE = Pattern.compile("^`((?:[^`]|``)+)`\\.\\*$");
    private static final String ALL = "ALL PRIVILEGES";
    /** The privileges of {@code ALL PRIVILEGES} among those asked for globally (dynamic ones, CONNECTION_ADMIN say, are not). */
    private static final Set<String> STATIC = Set.of("SUPER", "PROCESS", "RELOAD", "SHUTDOWN", "FILE");

    private final Set<String> global = new HashSet<>();
    private final Map<String, Set<String>> databases = new HashMap<>();
    private final Map<String, Set<String>> revoked = new HashMap<>();
    private final List<String> lines;

    private GrantSet(List<String> lines) {
        this.lines = List.copyOf(lines);
        for (String line : lines) {
            read(line);
        }
    }

    /** The current user's grants, as {@code SHOW GRANTS} gives them. */
    public static GrantSet current(Connection c) throws SQLException {
        List<String> lines = new ArrayList<>();
        try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SHOW GRANTS")) {
            while (rs.next()) {
                lines.add(rs.getString(1));
            }
        }
        return new GrantSet(lines);
    }

    /** The grants of {@code SHOW GRANTS} lines (stored, say, by another connector). */
    public static GrantSet of(List<String> lines) {
        return new GrantSet(lines);
    }

    /** The lines read. */
    public List<String> lines() {
        return lines;
    }

    /** Which of {@code privileges} (upper case, e.g. "INSERT", "LOCK TABLES") the user lacks on {@code database}. */
    public List<String> missingOn(String database, List<String> privileges) {
        Set<String> held = new HashSet<>(global);
        Set<String> exact = databases.get(literal(database));
        if (exact != null) {
            held.addAll(exact);
        }
        else {
            databases.forEach((pattern, granted) -> {
                if (matches(pattern, database)) {
                    held.addAll(granted);
                }
            });
        }
        Set<String> revokes = revoked.getOrDefault(database, Set.of());
        boolean all = held.contains(ALL);
        List<String> missing = new ArrayList<>();
        for (String privilege : privileges) {
            if (revokes.contains(privilege) || revokes.contains(ALL) || (!all && !held.contains(privilege))) {
                missing.add(privilege);
            }
        }
        return missing;
    }

    /** Whether the user holds any of {@code privileges} (upper case) on {@code *.*}. */
    public boolean holdsGlobally(List<String> privileges) {
        return privileges.stream().anyMatch(global::contains)
                || (global.contains(ALL) && privileges.stream().anyMatch(STATIC::contains));
    }

    private void read(String line) {
        Matcher grant = GRANT.matcher(line.trim());
        Matcher revoke = REVOKE.matcher(line.trim());
        boolean granting = grant.matches();
        Matcher m = granting ? grant : revoke;
        if (!granting && !revoke.matches()) {
            return;
        }
        Set<String> privileges = privileges(m.group(1));
        String object = m.group(2).trim();
        if (object.equals("*.*")) {
            if (granting) {
                global.addAll(privileges);
            }
            return;
        }
        Matcher database = DATABASE.matcher(object);
        if (database.matches()) {
            String name = database.group(1).replace("``", "`");
            (granting ? databases : revoked).computeIfAbsent(name, n -> new HashSet<>()).addAll(privileges);
        }
    }

    /** "SELECT, INSERT (`a`, `b`), UPDATE" -> {SELECT, UPDATE}: column-level grants do not cover a table. */
    private static Set<String> privileges(String list) {
        Set<String> privileges = new LinkedHashSet<>();
        StringBuilder current = new StringBuilder();
        int depth = 0;
        boolean columns = false;
        for (char ch : (list + ",").toCharArray()) {
            if (ch == '(') {
                depth++;
                columns = true;
            }
            else if (ch == ')') {
                depth--;
            }
            else if (ch == ',' && depth == 0) {
                String privilege = current.toString().trim().toUpperCase(Locale.ROOT);
                if (!privilege.isEmpty() && !columns) {
                    privileges.add(privilege);
                }
                current.setLength(0);
                columns = false;
            }
            else if (depth == 0) {
                current.append(ch);
            }
        }
        return privileges;
    }

    /** A grant's database pattern against a name: {@code _} one character, {@code %} any, {@code \} escapes. */
    static boolean matches(String pattern, String database) {
        StringBuilder regex = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char ch = pattern.charAt(i);
            if (ch == '\\' && i + 1 < pattern.length()) {
                regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
            }
            else if (ch == '_') {
                regex.append('.');
            }
            else if (ch == '%') {
                regex.append(".*");
            }
            else {
                regex.append(Pattern.quote(String.valueOf(ch)));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.DOTALL).matcher(database).matches();
    }

    /** The pattern a grant naming {@code database} exactly has: its wildcards escaped. */
    static String literal(String database) {
        return database.replace("\\", "\\\\").replace("_", "\\_").replace("%", "\\%");
    }
}
