package dev.twoway.core.ddl;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.antlr.v4.runtime.ParserRuleContext;
import org.antlr.v4.runtime.tree.ParseTree;
import org.antlr.v4.runtime.tree.TerminalNode;
import org.antlr.v4.runtime.tree.Trees;

import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * Refuses whatever in an accepted clause could name an object other than the table: the
 * grammar's rules for tables, schemas and routines, subqueries, names qualified by a table or
 * database, and variables. A clause kind that is allowed may still hold an expression (a
 * default, a generated column, a check, a functional index part), and an expression can
 * reach far. MySQL refuses most of these in a column definition anyway, but only once it runs
 * the statement; twoway refuses them before it runs anything.
 */
final class OtherObjects {
    private static final String ONLY_THE_TABLE = "twoway's statement may reference nothing but the table it changes";

    /** Rules that name an object by themselves, and what they name, for the message. */
    private static final Map<Integer, String> NAMING_RULES = Map.ofEntries(
            Map.entry(MySqlParser.RULE_tableRef, "a table"),
            Map.entry(MySqlParser.RULE_tableName, "a table"),
            Map.entry(MySqlParser.RULE_tableWild, "a table"),
            Map.entry(MySqlParser.RULE_filterTableRef, "a table"),
            Map.entry(MySqlParser.RULE_schemaRef, "a database"),
            Map.entry(MySqlParser.RULE_procedureRef, "a procedure"),
            Map.entry(MySqlParser.RULE_functionRef, "a function"),
            Map.entry(MySqlParser.RULE_triggerRef, "a trigger"),
            Map.entry(MySqlParser.RULE_viewRef, "a view"),
            Map.entry(MySqlParser.RULE_eventRef, "an event"),
            Map.entry(MySqlParser.RULE_tablespaceRef, "a tablespace"),
            Map.entry(MySqlParser.RULE_logfileGroupRef, "a log file group"),
            Map.entry(MySqlParser.RULE_serverRef, "a server"),
            Map.entry(MySqlParser.RULE_subquery, "a subquery, which reads tables"));

    private static final Set<Integer> VARIABLE_RULES = Set.of(MySqlParser.RULE_rvalueSystemOrUserVariable,
            MySqlParser.RULE_inExpressionUserVariableAssignment, MySqlParser.RULE_userVariable,
            MySqlParser.RULE_rvalueSystemVariable);

    private final Set<String> refusals = new LinkedHashSet<>();

    private OtherObjects() {
    }

    /** A reason for each reference to another object in the accepted clauses (each told once). */
    static List<String> refusals(List<AlterAllowList.Clause> clauses) {
        OtherObjects walk = new OtherObjects();
        clauses.forEach(clause -> walk.visit(clause.tree()));
        return List.copyOf(walk.refusals);
    }

    private void visit(ParseTree tree) {
        if (tree instanceof TerminalNode terminal) {
            if (terminal.getSymbol().getType() == MySqlParser.PARAM_MARKER) {
                refusals.add("'?' is refused: a statement to run has no parameters");
            }
            return;
        }
        ParserRuleContext rule = (ParserRuleContext) tree;
        int index = rule.getRuleIndex();
        if (NAMING_RULES.containsKey(index)) {
            refusals.add("'" + Names.text(rule) + "' is refused: it names " + NAMING_RULES.get(index) + "; " + ONLY_THE_TABLE);
            return;
        }
        if (VARIABLE_RULES.contains(index)) {
            refusals.add("'" + Names.text(rule) + "' is refused: a variable, which a table definition cannot hold");
            return;
        }
        if (isQualified(rule)) {
            refusals.add("'" + Names.text(rule) + "' is refused: a name qualified by a table or database; "
                    + ONLY_THE_TABLE + ", so name columns alone");
            return;
        }
        for (int i = 0; i < rule.getChildCount(); i++) {
            visit(rule.getChild(i));
        }
    }

    /** A column {@code t.c} or {@code db.t.c}, or a stored function {@code db.f(...)}: a dot in the name. */
    private static boolean isQualified(ParserRuleContext rule) {
        return switch (rule.getRuleIndex()) {
            case MySqlParser.RULE_columnRef, MySqlParser.RULE_simpleIdentifier ->
                    !Trees.findAllRuleNodes(rule, MySqlParser.RULE_dotIdentifier).isEmpty();
            case MySqlParser.RULE_functionCall -> ((MySqlParser.FunctionCallContext) rule).qualifiedIdentifier() != null
                    && ((MySqlParser.FunctionCallContext) rule).qualifiedIdentifier().dotIdentifier() != null;
            default -> false;
        };
    }
}
