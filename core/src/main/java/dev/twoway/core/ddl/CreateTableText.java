package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import dev.twoway.core.Sql;
import io.debezium.ddl.parser.mysql.generated.MySqlLexer;
import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * A table's definition as MySQL writes it ({@code SHOW CREATE TABLE}), read with the grammar so
 * that it can be written again for another table: the table's name and the names of its CHECK
 * constraints replaced, nothing else touched. MySQL wraps some features in version comments
 * ({@code /*!80023 INVISIBLE *}{@code /}); on the server that wrote them their content is plain
 * SQL, so the markers are dropped and the content kept.
 */
public final class CreateTableText {
    private final List<Token> tokens;
    private final int nameStart;
    private final int nameStop;
    private final Map<Integer, String> checkNames;

    private CreateTableText(List<Token> tokens, int nameStart, int nameStop, Map<Integer, String> checkNames) {
        this.tokens = tokens;
        this.nameStart = nameStart;
        this.nameStop = nameStop;
        this.checkNames = checkNames;
    }

    /** Reads MySQL's {@code CREATE TABLE} text; anything else is a {@link DdlException}. */
    public static CreateTableText parse(String showCreateTable) {
        CommonTokenStream tokens = ScriptParser.tokens(showCreateTable);
        ScriptParser.Script script = ScriptParser.parse(tokens);
        MySqlParser.SimpleStatementContext statement = script.statements().size() == 1
                ? script.statements().get(0).simpleStatement() : null;
        if (statement == null || statement.createStatement() == null || statement.createStatement().createTable() == null
                || statement.createStatement().createTable().tableElementList() == null) {
            throw new DdlException("not a CREATE TABLE with columns: " + showCreateTable);
        }
        MySqlParser.CreateTableContext create = statement.createStatement().createTable();
        Map<Integer, String> checks = new LinkedHashMap<>();
        for (MySqlParser.TableElementContext element : create.tableElementList().tableElement()) {
            MySqlParser.TableConstraintDefContext constraint = element.tableConstraintDef();
            if (constraint != null && constraint.checkConstraint() != null && constraint.constraintName() != null
                    && constraint.constraintName().identifier() != null) {
                MySqlParser.IdentifierContext name = constraint.constraintName().identifier();
                checks.put(name.getStart().getTokenIndex(), Names.of(name));
            }
        }
        return new CreateTableText(tokens.get(0, statement.getStop().getTokenIndex()),
                create.tableName().getStart().getTokenIndex(), create.tableName().getStop().getTokenIndex(), checks);
    }

    /** The names of the table's CHECK constraints, in the order MySQL lists them. */
    public List<String> checkNames() {
        return new ArrayList<>(checkNames.values());
    }

    /** The same definition for {@code schema.table}, each check name passed through {@code checkName}. */
    public String renamed(String schema, String table, UnaryOperator<String> checkName) {
        StringBuilder text = new StringBuilder();
        for (Token token : tokens) {
            int index = token.getTokenIndex();
            if (index == nameStart) {
                text.append(Sql.qualified(schema, table));
            }
            else if (index > nameStart && index <= nameStop) {
                continue;
            }
            else if (checkNames.containsKey(index)) {
                text.append(Sql.quote(checkName.apply(checkNames.get(index))));
            }
            else if (isMarkerOrComment(token)) {
                text.append(' ');
            }
            else {
                text.append(token.getText());
            }
        }
        return text.toString().strip();
    }

    private static boolean isMarkerOrComment(Token token) {
        return token.getType() == MySqlLexer.VERSION_COMMENT_START || token.getType() == MySqlLexer.MYSQL_COMMENT_START
                || token.getType() == MySqlLexer.VERSION_COMMENT_END || HiddenTokens.isComment(token);
    }
}
