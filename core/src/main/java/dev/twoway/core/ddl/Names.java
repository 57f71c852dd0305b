package dev.twoway.core.ddl;

import java.util.Optional;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.misc.Interval;

import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/** Names and text as the parse tree holds them: identifiers unquoted, clauses as the user wrote them. */
final class Names {
    private static final int SHOWN = 80;

    private Names() {
    }

    /**
     * The name an identifier (or a text-or-identifier) stands for: {@code `a``b`} is {@code a`b},
     * {@code 'InnoDB'} is {@code InnoDB}, {@code title} is {@code title}.
     */
    static String of(ParserRuleContext identifier) {
        String text = identifier.getText();
        if (text.length() >= 2 && "`\"'".indexOf(text.charAt(0)) >= 0 && text.charAt(text.length() - 1) == text.charAt(0)) {
            char quote = text.charAt(0);
            return text.substring(1, text.length() - 1).replace(String.valueOf(quote) + quote, String.valueOf(quote));
        }
        return text;
    }

    /** A table reference as (schema or empty, table): {@code db.t}, {@code t} or {@code .t}. */
    static QualifiedName table(MySqlParser.TableRefContext ref) {
        if (ref.qualifiedIdentifier() == null) {
            return new QualifiedName(Optional.empty(), of(ref.dotIdentifier().identifier()));
        }
        MySqlParser.QualifiedIdentifierContext name = ref.qualifiedIdentifier();
        if (name.dotIdentifier() == null) {
            return new QualifiedName(Optional.empty(), of(name.identifier()));
        }
        return new QualifiedName(Optional.of(of(name.identifier())), of(name.dotIdentifier().identifier()));
    }

    /** The name a {@code CREATE TABLE} gives, as (schema or empty, table). */
    static QualifiedName table(MySqlParser.TableNameContext name) {
        if (name.qualifiedIdentifier() == null) {
            return new QualifiedName(Optional.empty(), of(name.dotIdentifier().identifier()));
        }
        MySqlParser.QualifiedIdentifierContext qualified = name.qualifiedIdentifier();
        if (qualified.dotIdentifier() == null) {
            return new QualifiedName(Optional.empty(), of(qualified.identifier()));
        }
        return new QualifiedName(Optional.of(of(qualified.identifier())), of(qualified.dotIdentifier().identifier()));
    }

    record QualifiedName(Optional<String> schema, String table) {
    }

    /** The clause exactly as written (comments are refused before this is shown), shortened for a message. */
    static String text(ParserRuleContext clause) {
        String text = clause.getStart().getInputStream()
                .getText(Interval.of(clause.getStart().getStartIndex(), clause.getStop().getStopIndex()));
        String oneLine = text.replaceAll("\\s+", " ");
        return oneLine.length() <= SHOWN ? oneLine : oneLine.substring(0, SHOWN) + "...";
    }
}
