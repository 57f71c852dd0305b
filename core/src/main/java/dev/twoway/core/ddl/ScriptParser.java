package dev.twoway.core.ddl;

import java.util.List;
import java.util.Set;

import org.antlr.v4.runtime.BaseErrorListener;
import org.antlr.v4.runtime.CharStreams;
import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Parser;
import org.antlr.v4.runtime.RecognitionException;
import org.antlr.v4.runtime.Recognizer;
import org.antlr.v4.runtime.Token;
import org.antlr.v4.runtime.misc.IntervalSet;

import io.debezium.antlr.mysql.SqlMode;
import io.debezium.ddl.parser.mysql.generated.MySqlLexer;
import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * Reads SQL text with MySQL's own grammar: the one MySQL Workbench keeps in step with the
 * server's {@code sql_yacc.yy}, as Debezium generates and ships it (debezium-ddl-parser).
 *
 * <p>Why a real grammar: twoway runs only what it understands, so it must see a statement as
 * MySQL does. A hand-written lexer skipped {@code /*! ... *}{@code /} as a comment while MySQL
 * executes it, and a deny-list of words could not tell where a clause names another table. The
 * grammar gives every token its meaning and every clause its place (this rule names a table,
 * that one a column), which is what an allow-list needs; and it parses a script of several
 * statements, for deploy requests.
 *
 * <p>The text is read the way twoway executes it: MySQL's default lexical rules (double quotes
 * delimit strings, backslashes escape; no ANSI_QUOTES, which Debezium's lexer assumes), and
 * every rule of the grammar in force.
 */
public final class ScriptParser {
    /**
     * The server version the grammar's predicates and {@code /*!NNNNN} comments compare with: above
     * every release, so that every rule applies (the newest are MySQL 8.2's) and the content of
     * every version comment is lexed (MySQL's own {@code SHOW CREATE TABLE} writes features in
     * them; a user's statement may hold none at all).
     */
    static final int SERVER_VERSION = 999_999;

    private ScriptParser() {
    }

    /** A script read: its statements in order, and every token of the text (comments and whitespace on the hidden channel). */
    public record Script(List<MySqlParser.QueryContext> statements, CommonTokenStream tokens) {
    }

    /** Lexes and parses {@code text}; a syntax error is a {@link DdlException} saying where and at what. */
    public static Script parse(String text) {
        return parse(tokens(text));
    }

    /** Parses what {@link #tokens} read (a caller may look at the hidden tokens first). */
    public static Script parse(CommonTokenStream tokens) {
        tokens.seek(0);
        MySqlParser parser = new MySqlParser(tokens);
        parser.serverVersion = SERVER_VERSION;
        parser.sqlModes = Set.of(SqlMode.NoMode);
        parser.removeErrorListeners();
        parser.addErrorListener(new Refusing());
        MySqlParser.QueriesContext queries = parser.queries();
        return new Script(List.copyOf(queries.query()), tokens);
    }

    /** Every token of {@code text}, hidden ones included; a character MySQL cannot lex is a {@link DdlException}. */
    public static CommonTokenStream tokens(String text) {
        MySqlLexer lexer = new MySqlLexer(CharStreams.fromString(text));
        lexer.serverVersion = SERVER_VERSION;
        lexer.sqlModes = Set.of(SqlMode.NoMode);
        lexer.removeErrorListeners();
        lexer.addErrorListener(new Refusing());
        CommonTokenStream tokens = new CommonTokenStream(lexer);
        tokens.fill();
        return tokens;
    }

    /** Turns the first syntax error into a refusal: line, column and the token MySQL would stop at. */
    private static final class Refusing extends BaseErrorListener {
        private static final int MAX_EXPECTED = 8;

        @Override
        public void syntaxError(Recognizer<?, ?> recognizer, Object offending, int line, int column, String message,
                                RecognitionException e) {
            StringBuilder text = new StringBuilder("syntax error at line ").append(line).append(", column ")
                    .append(column + 1);
            if (offending instanceof Token token) {
                text.append(token.getType() == Token.EOF ? ": the statement ends too early"
                        : " at '" + shortened(token.getText()) + "'");
                expected(recognizer, e).ifPresent(expected -> text.append(" (expected ").append(expected).append(')'));
            }
            else {
                // The lexer's own words ("token recognition error at: ...") say less than this.
                text.append(": cannot read the text from here on")
                        .append(message.startsWith("token recognition error at: ") ? " ("
                                + shortened(message.substring("token recognition error at: ".length())) + ")" : "")
                        .append("; a quote that is never closed?");
            }
            throw new DdlException(text.toString());
        }

        /** What could have come instead, when the grammar allows only a few things there. */
        private static java.util.Optional<String> expected(Recognizer<?, ?> recognizer, RecognitionException e) {
            if (!(recognizer instanceof Parser parser)) {
                return java.util.Optional.empty();
            }
            IntervalSet expected = e != null && e.getExpectedTokens() != null ? e.getExpectedTokens()
                    : parser.getExpectedTokens();
            if (expected.size() == 0 || expected.size() > MAX_EXPECTED) {
                return java.util.Optional.empty();
            }
            return java.util.Optional.of(expected.toString(parser.getVocabulary()).replace("_SYMBOL", ""));
        }

        private static String shortened(String text) {
            return text.length() <= 40 ? text : text.substring(0, 40) + "...";
        }
    }
}
