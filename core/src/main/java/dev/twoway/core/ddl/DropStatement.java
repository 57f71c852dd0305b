package dev.twoway.core.ddl;

import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;
import io.debezium.ddl.parser.mysql.generated.MySqlParser;

/**
 * One {@code DROP TABLE} of a deploy request: one table, named with its database. twoway never
 * drops it during the revert window: the cut-over renames it to a parked name, a revert brings it
 * back with all its rows, and it is retired when the window closes. Refused: TEMPORARY, IF EXISTS
 * (the table must exist), several tables in one statement, RESTRICT and CASCADE (MySQL ignores them).
 */
public final class DropStatement {
    private final String schema;
    private final String table;

    private DropStatement(String schema, String table) {
        this.schema = schema;
        this.table = table;
    }

    static DropStatement of(MySqlParser.QueryContext query) {
        MySqlParser.DropTableContext drop = query.simpleStatement().dropStatement().dropTable();
        List<String> problems = new ArrayList<>();
        if (drop.TEMPORARY_SYMBOL() != null) {
            problems.add("DROP TEMPORARY TABLE is refused: a temporary table lives in one session");
        }
        if (drop.ifExists() != null) {
            problems.add("IF EXISTS is refused: the table must exist (twoway checks it), and a statement that may do "
                    + "nothing cannot be reverted");
        }
        if (drop.RESTRICT_SYMBOL() != null || drop.CASCADE_SYMBOL() != null) {
            problems.add("RESTRICT and CASCADE are refused: MySQL ignores them; remove them");
        }
        List<MySqlParser.TableRefContext> tables = drop.tableRefList().tableRef();
        if (tables.size() > 1) {
            problems.add("DROP TABLE of " + tables.size() + " tables is refused: give each table its own DROP TABLE "
                    + "statement");
        }
        Names.QualifiedName name = Names.table(tables.get(0));
        if (name.schema().isEmpty()) {
            problems.add("DROP TABLE " + name.table() + " names no database: qualify the table, e.g. DROP TABLE "
                    + Sql.qualified("mydb", name.table()));
        }
        if (!problems.isEmpty()) {
            throw new DdlException(problems);
        }
        return new DropStatement(name.schema().orElseThrow(), name.table());
    }

    public String schema() {
        return schema;
    }

    public String table() {
        return table;
    }
}
