package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import dev.twoway.core.Sql;
import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * One {@code CREATE TABLE} of a deploy request as twoway reads it: the table it creates (named
 * with its database), and the text twoway executes to build it under a staging name, rebuilt from
 * the tokens without any comment. Its columns, indexes, checks and options are judged by the same
 * allow-list as an ALTER's ({@link AlterAllowList#judgeCreate}), and name no other object
 * ({@link OtherObjects}); refused: TEMPORARY, IF NOT EXISTS, partitions, {@code … SELECT}, foreign
 * keys, and LIKE of a table of another database or without its database.
 */
public final class CreateStatement {
    private final String schema;
    private final String table;
    private final String likeTable;
    private final StatementText text;

    private CreateStatement(String schema, String table, String likeTable, StatementText text) {
        this.schema = schema;
        this.table = table;
        this.likeTable = likeTable;
        this.text = text;
    }

    /** Reads one parsed statement (its tokens in {@code tokens}); every reason it is refused as a {@link DdlException}. */
    static CreateStatement of(MySqlParser.QueryContext query, CommonTokenStream tokens) {
        MySqlParser.CreateTableContext create = query.simpleStatement().createStatement().createTable();
        Names.QualifiedName name = Names.table(create.tableName());
        List<String> problems = new ArrayList<>();
        if (name.schema().isEmpty()) {
            problems.add("CREATE TABLE " + name.table() + " names no database: qualify the table, e.g. CREATE TABLE "
                    + Sql.qualified("mydb", name.table()) + " ...");
        }
        if (create.TEMPORARY_SYMBOL() != null) {
            problems.add("CREATE TEMPORARY TABLE is refused: a temporary table lives in one session; twoway creates "
                    + "tables everyone sees");
        }
        if (create.ifNotExists() != null) {
            problems.add("IF NOT EXISTS is refused: the table must not exist (twoway checks it), and a statement that "
                    + "may do nothing cannot be reverted");
        }
        String like = like(create, name, problems);
        if (like == null && create.LIKE_SYMBOL() == null) {
            AlterAllowList.Judgement judgement = AlterAllowList.judgeCreate(create);
            problems.addAll(judgement.refusals());
            problems.addAll(OtherObjects.refusals(judgement.accepted()));
            if (create.tableElementList() == null && problems.isEmpty()) {
                problems.add("CREATE TABLE " + name.table() + " defines no column");
            }
        }
        if (!problems.isEmpty()) {
            throw new DdlException(problems);
        }
        List<Token> definition = tokens.get(create.tableName().getStop().getTokenIndex() + 1,
                query.simpleStatement().getStop().getTokenIndex());
        return new CreateStatement(name.schema().orElseThrow(), name.table(), like,
                new StatementText(definition, java.util.Map.of()));
    }

    /** The table LIKE copies, when it is one twoway takes: of the same database, named with it. */
    private static String like(MySqlParser.CreateTableContext create, Names.QualifiedName name, List<String> problems) {
        if (create.LIKE_SYMBOL() == null) {
            return null;
        }
        Names.QualifiedName source = Names.table(create.tableRef());
        if (source.schema().isEmpty()) {
            problems.add("LIKE " + source.table() + " names no database: qualify the table it copies (LIKE "
                    + Sql.qualified(name.schema().orElse("mydb"), source.table()) + ")");
            return null;
        }
        if (name.schema().isPresent() && !source.schema().get().equals(name.schema().get())) {
            problems.add("LIKE " + source.schema().get() + "." + source.table() + " is refused: it copies a table of "
                    + "another database, whose grants, sources and migrations twoway does not judge for this request; "
                    + "write the definition out, or copy a table of " + name.schema().get());
            return null;
        }
        return source.table();
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }

    /** The table of the same database whose definition {@code LIKE} copies, if the statement is one. */
    public Optional<String> likeTable() {
        return Optional.ofNullable(likeTable);
    }

    /** The statement creating {@code schema.name} instead (the staging table), without any comment. */
    public String createdAs(String schema, String name) {
        return "CREATE TABLE " + Sql.qualified(schema, name) + " " + text.render(UnaryOperator.identity());
    }
}
