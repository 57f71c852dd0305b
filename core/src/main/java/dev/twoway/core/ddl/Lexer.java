package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.List;

/** Splits MySQL statement text into tokens, skipping whitespace and comments. */
final class Lexer {
    private final String text;
    private int pos;

    private Lexer(String text) {
        this.text = text;
    }

    static List<Token> tokens(String text) {
        return new Lexer(text).all();
    }

    private List<Token> all() {
        List<Token> tokens = new ArrayList<>();
        while (skipSpaceAndComments()) {
            tokens.add(next());
        }
        return tokens;
    }

    /** Moves past whitespace and comments; false at the end of the text. */
    private boolean skipSpaceAndComments() {
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (Character.isWhitespace(c)) {
                pos++;
            }
            else if (c == '#' || text.startsWith("-- ", pos) || text.startsWith("--\t", pos) || text.startsWith("--\n", pos)) {
                int eol = text.indexOf('\n', pos);
                pos = eol < 0 ? text.length() : eol + 1;
            }
            else if (text.startsWith("/*", pos)) {
                int close = text.indexOf("*/", pos + 2);
                if (close < 0) {
                    throw new DdlException("unterminated comment at position " + pos);
                }
                pos = close + 2;
            }
            else {
                return true;
            }
        }
        return false;
    }

    private Token next() {
        int start = pos;
        char c = text.charAt(pos);
        if (c == '`') {
            return quoted(start, '`', Token.Kind.QUOTED_IDENTIFIER);
        }
        if (c == '\'' || c == '"') {
            return quoted(start, c, Token.Kind.STRING);
        }
        if (Character.isDigit(c)) {
            while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '.')) {
                pos++;
            }
            return new Token(Token.Kind.NUMBER, text.substring(start, pos), start, pos);
        }
        if (Character.isLetter(c) || c == '_' || c == '$' || c == '@') {
            while (pos < text.length() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            return new Token(Token.Kind.WORD, text.substring(start, pos), start, pos);
        }
        pos++;
        return new Token(Token.Kind.SYMBOL, String.valueOf(c), start, pos);
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '_' || c == '$' || c == '@';
    }

    /** A quoted run; the quote is escaped by doubling it, and in strings also by a backslash. */
    private Token quoted(int start, char quote, Token.Kind kind) {
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos);
            if (c == '\\' && kind == Token.Kind.STRING) {
                pos += 2;
            }
            else if (c == quote && pos + 1 < text.length() && text.charAt(pos + 1) == quote) {
                pos += 2;
            }
            else if (c == quote) {
                pos++;
                return new Token(kind, text.substring(start, pos), start, pos);
            }
            else {
                pos++;
            }
        }
        throw new DdlException("unterminated " + (kind == Token.Kind.STRING ? "string" : "quoted identifier")
                + " starting at position " + start);
    }
}
