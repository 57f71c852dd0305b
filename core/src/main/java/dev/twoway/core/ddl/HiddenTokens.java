package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.List;

import org.antlr.v4.runtime.CommonTokenStream;
import org.antlr.v4.runtime.Token;

import io.debezium.ddl.parser.mysql.generated.MySqlLexer;

/**
 * The comments of a statement, judged token by token. The lexer puts comments on the hidden
 * channel, executable ones included: {@code /*! ... *}{@code /} and {@code /*!50000 ... *}{@code /}
 * are code to MySQL (their content is lexed as ordinary tokens between a start and an end
 * marker), and {@code /*+ ... *}{@code /} is an optimizer hint. Looking at tokens, not at the
 * raw text, a {@code '/*!'} inside a string is never taken for a comment.
 */
final class HiddenTokens {
    private HiddenTokens() {
    }

    /** Why each executable comment, hint or unterminated comment of the text is refused. */
    static List<String> refusals(CommonTokenStream tokens) {
        List<String> refusals = new ArrayList<>();
        for (Token token : tokens.getTokens()) {
            switch (token.getType()) {
                case MySqlLexer.VERSION_COMMENT_START, MySqlLexer.MYSQL_COMMENT_START -> refusals.add(
                        "an executable comment " + opening(token) + " at " + where(token) + ": MySQL runs what it "
                                + "holds, so twoway refuses it; write the clause out without the comment");
                case MySqlLexer.BLOCK_COMMENT -> {
                    if (token.getText().startsWith("/*+")) {
                        refusals.add("an optimizer hint /*+ ... */ at " + where(token) + ": twoway runs no hints; "
                                + "remove it");
                    }
                }
                case MySqlLexer.INVALID_BLOCK_COMMENT -> refusals.add("a comment that is never closed at " + where(token));
                default -> {
                }
            }
        }
        return refusals;
    }

    /** Whether a hidden token is a comment (to be dropped from what twoway executes) rather than whitespace. */
    static boolean isComment(Token token) {
        return switch (token.getType()) {
            case MySqlLexer.BLOCK_COMMENT, MySqlLexer.POUND_COMMENT, MySqlLexer.DASHDASH_COMMENT,
                    MySqlLexer.INVALID_BLOCK_COMMENT, MySqlLexer.VERSION_COMMENT_START,
                    MySqlLexer.MYSQL_COMMENT_START, MySqlLexer.VERSION_COMMENT_END -> true;
            default -> false;
        };
    }

    static String where(Token token) {
        return "line " + token.getLine() + ", column " + (token.getCharPositionInLine() + 1);
    }

    private static String opening(Token token) {
        String text = token.getText();
        int digits = 3;
        while (digits < text.length() && digits < 8 && Character.isDigit(text.charAt(digits))) {
            digits++;
        }
        return text.substring(0, digits) + " ... */";
    }
}
