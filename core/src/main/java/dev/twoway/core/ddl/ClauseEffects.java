package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.antlr.v4.runtime.ParserRuleContext;

import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * Reads what the accepted clauses do to columns and CHECK constraints, and where the statement
 * names a check (those tokens are what the shadow's copy of the statement renames). Only reads.
 */
final class ClauseEffects {
    private final List<String> dropped = new ArrayList<>();
    private final List<String> added = new ArrayList<>();
    private final Map<String, String> renames = new LinkedHashMap<>();
    private final List<String> modified = new ArrayList<>();
    private final List<String> checksAdded = new ArrayList<>();
    private final List<String> checksDropped = new ArrayList<>();
    private final List<String> checksAltered = new ArrayList<>();
    private final Map<Integer, String> checkNameTokens = new LinkedHashMap<>();
    private int unnamedChecks;

    ClauseEffects(List<AlterAllowList.Clause> clauses) {
        clauses.forEach(this::read);
    }

    ColumnChanges columns() {
        return new ColumnChanges(dropped, added, renames, modified);
    }

    CheckChanges checks() {
        return new CheckChanges(checksAdded, unnamedChecks, checksDropped, checksAltered);
    }

    /** The index in the token stream of each identifier naming a check, and the name. */
    Map<Integer, String> checkNameTokens() {
        return Map.copyOf(checkNameTokens);
    }

    private void read(AlterAllowList.Clause clause) {
        ParserRuleContext tree = clause.tree();
        switch (clause.kind()) {
            case ADD_COLUMN -> added.add(Names.of(tree instanceof MySqlParser.ColumnDefinitionContext definition
                    ? definition.columnName() : ((MySqlParser.AlterListItemContext) tree).identifier()));
            case DROP_COLUMN -> dropped.add(Names.of(item(tree).columnInternalRef()));
            case MODIFY_COLUMN -> modified.add(Names.of(item(tree).columnInternalRef()));
            case CHANGE_COLUMN -> {
                modified.add(Names.of(item(tree).columnInternalRef()));
                rename(Names.of(item(tree).columnInternalRef()), Names.of(item(tree).identifier()));
            }
            case RENAME_COLUMN -> rename(Names.of(item(tree).columnInternalRef()), Names.of(item(tree).identifier()));
            case ADD_CHECK -> addedCheck(tree instanceof MySqlParser.TableConstraintDefContext constraint
                    ? constraint.constraintName() : ((MySqlParser.ColumnAttributeContext) tree).constraintName());
            case DROP_CHECK, DROP_CONSTRAINT -> checksDropped.add(checkName(item(tree).identifier()));
            case ALTER_CHECK -> checksAltered.add(checkName(item(tree).identifier()));
            default -> {
            }
        }
    }

    private static MySqlParser.AlterListItemContext item(ParserRuleContext tree) {
        return (MySqlParser.AlterListItemContext) tree;
    }

    private void rename(String from, String to) {
        if (!from.equals(to)) {
            renames.put(from, to);
        }
    }

    /** {@code CONSTRAINT name CHECK}, {@code CONSTRAINT CHECK} or a bare {@code CHECK}: the last two get MySQL's name. */
    private void addedCheck(MySqlParser.ConstraintNameContext name) {
        if (name == null || name.identifier() == null) {
            unnamedChecks++;
        }
        else {
            checksAdded.add(checkName(name.identifier()));
        }
    }

    private String checkName(MySqlParser.IdentifierContext identifier) {
        String name = Names.of(identifier);
        checkNameTokens.put(identifier.getStart().getTokenIndex(), name);
        return name;
    }
}
