package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.Interval;

import dev.twoway.core.state.MemberKind;
import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * A deploy request's {@code migration.ddl}: one or more statements separated by {@code ;}, each an
 * {@code ALTER TABLE} ({@link AlterStatement}), a {@code CREATE TABLE} ({@link CreateStatement}) or
 * a {@code DROP TABLE} ({@link DropStatement}) of a table named with its database. Each statement
 * is judged on its own here; how they go together is the coordinator's to judge. A single
 * statement is refused with the words it always was; in a request of several, each reason says
 * which statement it is about.
 */
public final class DeployScript {
    private static final String KINDS = "ALTER TABLE, CREATE TABLE or DROP TABLE";

    private DeployScript() {
    }

    /** Every statement of {@code ddl}, in order; a {@link DdlException} with every reason when any is refused. */
    public static List<DeployStatement> parse(String ddl) {
        if (ddl == null || ddl.isBlank()) {
            throw new DdlException("migration.ddl is empty: give one or more " + KINDS + " statements");
        }
        CommonTokenStream tokens = ScriptParser.tokens(ddl);
        // Before parsing: what an executable comment holds would otherwise be judged as plain code.
        List<String> hidden = HiddenTokens.refusals(tokens);
        if (!hidden.isEmpty()) {
            throw new DdlException(hidden);
        }
        List<MySqlParser.QueryContext> queries = ScriptParser.parse(tokens).statements().stream()
                .filter(q -> q.simpleStatement() != null || q.beginWork() != null).toList();
        if (queries.isEmpty()) {
            throw new DdlException("migration.ddl holds no statement: give one or more " + KINDS + " statements");
        }
        List<DeployStatement> statements = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < queries.size(); i++) {
            MySqlParser.QueryContext query = queries.get(i);
            String text = queries.size() == 1 ? ddl : text(query);
            try {
                statements.add(statement(i + 1, query, tokens, text));
            }
            catch (DdlException e) {
                String where = queries.size() == 1 ? "" : "statement " + (i + 1) + " (" + start(query, tokens, 3) + "): ";
                e.problems().forEach(p -> problems.add(where + p));
            }
        }
        if (!problems.isEmpty()) {
            throw new DdlException(problems);
        }
        return List.copyOf(statements);
    }

    private static DeployStatement statement(int position, MySqlParser.QueryContext query, CommonTokenStream tokens,
                                             String text) {
        MySqlParser.SimpleStatementContext simple = query.simpleStatement();
        if (simple != null && simple.alterStatement() != null && simple.alterStatement().alterTable() != null) {
            AlterStatement alter = AlterStatement.of(query, tokens, null);
            return new DeployStatement(position, MemberKind.ALTER, alter.schema(), alter.table(), text, alter, null);
        }
        if (simple != null && simple.createStatement() != null && simple.createStatement().createTable() != null) {
            CreateStatement create = CreateStatement.of(query, tokens);
            return new DeployStatement(position, MemberKind.CREATE, create.schema(), create.table(), text, null, create);
        }
        if (simple != null && simple.dropStatement() != null && simple.dropStatement().dropTable() != null) {
            DropStatement drop = DropStatement.of(query);
            return new DeployStatement(position, MemberKind.DROP, drop.schema(), drop.table(), text, null, null);
        }
        throw new DdlException("migration.ddl takes " + KINDS + " statements; this one starts with '"
                + start(query, tokens, 2) + "'");
    }

    /** The statement as the user wrote it, without the {@code ;} that ends it. */
    private static String text(MySqlParser.QueryContext query) {
        Token start = query.getStart();
        Token stop = query.simpleStatement() != null ? query.simpleStatement().getStop() : query.getStop();
        return start.getInputStream().getText(Interval.of(start.getStartIndex(), stop.getStopIndex())).strip();
    }

    private static String start(MySqlParser.QueryContext query, CommonTokenStream tokens, int words) {
        return tokens.get(query.getStart().getTokenIndex(), query.getStop().getTokenIndex()).stream()
                .filter(t -> t.getChannel() == Token.DEFAULT_CHANNEL && t.getType() != Token.EOF).limit(words)
                .map(Token::getText).collect(Collectors.joining(" "));
    }
}
