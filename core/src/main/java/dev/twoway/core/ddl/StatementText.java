package dev.twoway.core.ddl;

import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

import org.antlr.v4.runtime.Token;

import dev.twoway.core.Sql;

/**
 * The text twoway executes for a run of tokens: each token's own text, whitespace kept, every
 * comment dropped (a space in its place, as MySQL reads a comment), and the identifiers that
 * name a check replaced by the name they must have on the table the text runs against. Never
 * the user's raw text.
 */
final class StatementText {
    private final List<Token> tokens;
    private final Map<Integer, String> checkNames;

    /** {@code tokens}: all channels, in order; {@code checkNames}: token index to the check name it holds. */
    StatementText(List<Token> tokens, Map<Integer, String> checkNames) {
        this.tokens = List.copyOf(tokens);
        this.checkNames = Map.copyOf(checkNames);
    }

    /** The text, each check name passed through {@code renaming} (a name it returns unchanged is kept as written). */
    String render(UnaryOperator<String> renaming) {
        StringBuilder text = new StringBuilder();
        for (Token token : tokens) {
            String check = checkNames.get(token.getTokenIndex());
            if (check != null && !renaming.apply(check).equals(check)) {
                text.append(Sql.quote(renaming.apply(check)));
            }
            else if (HiddenTokens.isComment(token)) {
                text.append(' ');
            }
            else {
                text.append(token.getText());
            }
        }
        return text.toString().strip();
    }
}
