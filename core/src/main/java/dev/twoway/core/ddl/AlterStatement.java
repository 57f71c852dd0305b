package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import dev.twoway.core.Sql;

/**
 * One {@code ALTER TABLE} statement as twoway reads it: the table it changes, the change
 * itself (applied verbatim to the shadow table, where MySQL is the judge of its meaning)
 * and the column renames it makes, which the column mapping cannot see from the schemas.
 * Anything else is refused here, before anything is created.
 */
public final class AlterStatement {
    /** Clauses that change something other than this table's own definition. */
    private static final Set<String> REFUSED_CLAUSES = Set.of("DISCARD", "IMPORT");

    private final String schema;
    private final String table;
    private final String changes;
    private final Map<String, String> renames;

    private AlterStatement(String schema, String table, String changes, Map<String, String> renames) {
        this.schema = schema;
        this.table = table;
        this.changes = changes;
        this.renames = renames;
    }

    /** Reads {@code ddl}; {@code defaultSchema} names the database of an unqualified table (may be null). */
    public static AlterStatement parse(String ddl, String defaultSchema) {
        if (ddl == null || ddl.isBlank()) {
            throw new DdlException("migration.ddl is empty: give one ALTER TABLE statement");
        }
        List<Token> tokens = withoutTrailingSemicolons(Lexer.tokens(ddl));
        refuseSeveralStatements(tokens);
        if (tokens.size() < 2 || !tokens.get(0).isKeyword("ALTER") || !tokens.get(1).isKeyword("TABLE")) {
            throw new DdlException("migration.ddl must be one ALTER TABLE statement; it starts with '"
                    + firstWords(tokens) + "'");
        }
        int at = 2;
        if (at >= tokens.size() || !tokens.get(at).isIdentifier()) {
            throw new DdlException("ALTER TABLE names no table");
        }
        String first = tokens.get(at).identifier();
        String schema = defaultSchema;
        String table = first;
        if (at + 2 < tokens.size() && tokens.get(at + 1).isSymbol(".") && tokens.get(at + 2).isIdentifier()) {
            schema = first;
            table = tokens.get(at + 2).identifier();
            at += 2;
        }
        if (schema == null || schema.isEmpty()) {
            throw new DdlException("ALTER TABLE " + table + " names no database: qualify the table, e.g. ALTER TABLE `mydb`.`"
                    + table + "` ...");
        }
        List<Token> rest = tokens.subList(at + 1, tokens.size());
        if (rest.isEmpty()) {
            throw new DdlException("ALTER TABLE " + table + " changes nothing");
        }
        String changes = ddl.substring(rest.get(0).start(), rest.get(rest.size() - 1).end());
        List<List<Token>> clauses = clauses(rest);
        clauses.forEach(AlterStatement::refuseClause);
        return new AlterStatement(schema, table, changes, renames(clauses));
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** The text after the table name, e.g. {@code DROP COLUMN title}. */
    public String changes() {
        return changes;
    }

    /** Column renames the statement makes, old name to new name, in statement order. */
    public Map<String, String> renames() {
        return renames;
    }

    /** The same change applied to another table, e.g. the shadow. */
    public String appliedTo(String schema, String table) {
        return "ALTER TABLE " + Sql.qualified(schema, table) + " " + changes;
    }

    private static List<Token> withoutTrailingSemicolons(List<Token> tokens) {
        int end = tokens.size();
        while (end > 0 && tokens.get(end - 1).isSymbol(";")) {
            end--;
        }
        return tokens.subList(0, end);
    }

    private static void refuseSeveralStatements(List<Token> tokens) {
        for (Token token : tokens) {
            if (token.isSymbol(";")) {
                throw new DdlException("migration.ddl holds more than one statement (a ';' at position "
                        + token.start() + "); give exactly one ALTER TABLE");
            }
        }
    }

    private static String firstWords(List<Token> tokens) {
        StringBuilder words = new StringBuilder();
        for (int i = 0; i < Math.min(2, tokens.size()); i++) {
            words.append(i == 0 ? "" : " ").append(tokens.get(i).text());
        }
        return words.toString();
    }

    /** The comma-separated clauses of the change, commas inside parentheses not counting. */
    private static List<List<Token>> clauses(List<Token> tokens) {
        List<List<Token>> clauses = new ArrayList<>();
        List<Token> current = new ArrayList<>();
        int depth = 0;
        for (Token token : tokens) {
            if (token.isSymbol("(")) {
                depth++;
            }
            else if (token.isSymbol(")")) {
                depth--;
            }
            if (depth == 0 && token.isSymbol(",")) {
                clauses.add(current);
                current = new ArrayList<>();
            }
            else {
                current.add(token);
            }
        }
        clauses.add(current);
        return clauses;
    }

    private static void refuseClause(List<Token> clause) {
        if (clause.isEmpty()) {
            throw new DdlException("ALTER TABLE has an empty clause (two commas in a row?)");
        }
        String head = clause.get(0).text().toUpperCase(Locale.ROOT);
        if (REFUSED_CLAUSES.contains(head)) {
            throw new DdlException("ALTER TABLE ... " + head + " TABLESPACE is not an online schema change");
        }
        if (head.equals("RENAME") && clause.size() > 1 && !clause.get(1).isKeyword("COLUMN")
                && !clause.get(1).isKeyword("INDEX") && !clause.get(1).isKeyword("KEY")) {
            throw new DdlException("ALTER TABLE ... RENAME TO renames the table itself; twoway changes a table's "
                    + "definition in place. Use RENAME TABLE outside twoway");
        }
        for (Token token : clause) {
            if (token.isKeyword("FOREIGN") || token.isKeyword("REFERENCES")) {
                throw new DdlException("foreign keys are not supported: a table with foreign keys cannot be swapped "
                        + "by RENAME without breaking them (clause: " + clauseText(clause) + ")");
            }
        }
    }

    private static Map<String, String> renames(List<List<Token>> clauses) {
        Map<String, String> renames = new LinkedHashMap<>();
        for (List<Token> clause : clauses) {
            int at = 0;
            if (clause.get(0).isKeyword("CHANGE")) {
                at = clause.size() > 1 && clause.get(1).isKeyword("COLUMN") ? 2 : 1;
                putRename(renames, clause, at, at + 1);
            }
            else if (clause.get(0).isKeyword("RENAME") && clause.size() > 1 && clause.get(1).isKeyword("COLUMN")) {
                if (clause.size() < 5 || !clause.get(3).isKeyword("TO")) {
                    throw new DdlException("cannot read RENAME COLUMN clause: " + clauseText(clause));
                }
                putRename(renames, clause, 2, 4);
            }
        }
        return Collections.unmodifiableMap(renames);
    }

    private static void putRename(Map<String, String> renames, List<Token> clause, int from, int to) {
        if (to >= clause.size() || !clause.get(from).isIdentifier() || !clause.get(to).isIdentifier()) {
            throw new DdlException("cannot read the column names of: " + clauseText(clause));
        }
        String oldName = clause.get(from).identifier();
        String newName = clause.get(to).identifier();
        if (!oldName.equalsIgnoreCase(newName)) {
            renames.put(oldName, newName);
        }
    }

    private static String clauseText(List<Token> clause) {
        StringBuilder text = new StringBuilder();
        clause.forEach(t -> text.append(text.length() == 0 ? "" : " ").append(t.text()));
        return text.toString();
    }
}
