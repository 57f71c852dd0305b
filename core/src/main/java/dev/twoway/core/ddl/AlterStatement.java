package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import dev.twoway.core.Sql;
import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * One {@code ALTER TABLE} statement as twoway reads it, through MySQL's grammar
 * ({@link ScriptParser}): the table it changes, its clauses (only kinds twoway can carry to the
 * shadow and back, {@link ClauseKind}; anything else is refused here, by name, before anything
 * is executed), what it does to columns and CHECK constraints, and the text twoway executes,
 * rebuilt from the tokens without any comment.
 */
public final class AlterStatement {
    private final String schema;
    private final String table;
    private final List<ClauseKind> clauses;
    private final ColumnChanges columns;
    private final CheckChanges checks;
    private final StatementText text;

    private AlterStatement(String schema, String table, List<ClauseKind> clauses, ClauseEffects effects,
                           StatementText text) {
        this.schema = schema;
        this.table = table;
        this.clauses = List.copyOf(clauses);
        this.columns = effects.columns();
        this.checks = effects.checks();
        this.text = text;
    }

    /**
     * Reads {@code ddl}; {@code defaultSchema} names the database of an unqualified table (may be
     * null). Throws a {@link DdlException} with every reason the statement is refused.
     */
    public static AlterStatement parse(String ddl, String defaultSchema) {
        if (ddl == null || ddl.isBlank()) {
            throw new DdlException("migration.ddl is empty: give one ALTER TABLE statement");
        }
        CommonTokenStream tokens = ScriptParser.tokens(ddl);
        // Before parsing: what an executable comment holds would otherwise be judged as plain code.
        List<String> hidden = HiddenTokens.refusals(tokens);
        if (!hidden.isEmpty()) {
            throw new DdlException(hidden);
        }
        return of(single(ScriptParser.parse(tokens)), tokens, defaultSchema);
    }

    /** Reads one parsed statement of a script (its tokens in {@code tokens}, hidden ones judged already). */
    static AlterStatement of(MySqlParser.QueryContext query, CommonTokenStream tokens, String defaultSchema) {
        MySqlParser.AlterTableContext alter = alterTable(query, tokens);
        Names.QualifiedName name = Names.table(alter.tableRef());
        String schema = name.schema().orElse(defaultSchema);
        List<String> problems = new ArrayList<>();
        if (schema == null || schema.isEmpty()) {
            problems.add("ALTER TABLE " + name.table() + " names no database: qualify the table, e.g. ALTER TABLE "
                    + Sql.qualified("mydb", name.table()) + " ...");
        }
        AlterAllowList.Judgement judgement = AlterAllowList.judge(alter);
        problems.addAll(judgement.refusals());
        problems.addAll(OtherObjects.refusals(judgement.accepted()));
        if (problems.isEmpty() && judgement.accepted().isEmpty()) {
            problems.add("ALTER TABLE " + name.table() + " changes nothing");
        }
        if (!problems.isEmpty()) {
            throw new DdlException(problems);
        }
        ClauseEffects effects = new ClauseEffects(judgement.accepted());
        List<Token> changes = tokens.get(alter.tableRef().getStop().getTokenIndex() + 1,
                query.simpleStatement().getStop().getTokenIndex());
        return new AlterStatement(schema, name.table(),
                judgement.accepted().stream().map(AlterAllowList.Clause::kind).toList(), effects,
                new StatementText(changes, effects.checkNameTokens()));
    }

    /** A deploy request will take a list; one migration takes exactly one statement. */
    private static MySqlParser.QueryContext single(ScriptParser.Script script) {
        List<MySqlParser.QueryContext> statements = script.statements();
        if (statements.isEmpty()) {
            throw new DdlException("migration.ddl holds no statement: give one ALTER TABLE statement");
        }
        if (statements.size() > 1) {
            throw new DdlException("migration.ddl holds more than one statement (" + statements.size()
                    + "; the second starts at " + HiddenTokens.where(statements.get(1).getStart())
                    + "); give exactly one ALTER TABLE");
        }
        return statements.get(0);
    }

    private static MySqlParser.AlterTableContext alterTable(MySqlParser.QueryContext query, CommonTokenStream tokens) {
        MySqlParser.SimpleStatementContext statement = query.simpleStatement();
        if (statement != null && statement.alterStatement() != null && statement.alterStatement().alterTable() != null) {
            return statement.alterStatement().alterTable();
        }
        String start = tokens.get(query.getStart().getTokenIndex(), query.getStop().getTokenIndex()).stream()
                .filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL).limit(2).map(Token::getText)
                .collect(Collectors.joining(" "));
        throw new DdlException("migration.ddl must be one ALTER TABLE statement; it starts with '" + start + "'");
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** The kind of each clause, in statement order. */
    public List<ClauseKind> clauses() {
        return clauses;
    }

    public ColumnChanges columnChanges() {
        return columns;
    }

    public CheckChanges checkChanges() {
        return checks;
    }

    /** The text after the table name as twoway executes it, e.g. {@code DROP COLUMN title}: no comment in it. */
    public String changes() {
        return text.render(UnaryOperator.identity());
    }

    /** The same change applied to another table, e.g. the shadow. */
    public String appliedTo(String schema, String table) {
        return appliedTo(schema, table, UnaryOperator.identity());
    }

    /** The change applied to another table whose CHECK constraints have other names: {@code checkNames} translates. */
    public String appliedTo(String schema, String table, UnaryOperator<String> checkNames) {
        return "ALTER TABLE " + Sql.qualified(schema, table) + " " + text.render(checkNames);
    }
}
