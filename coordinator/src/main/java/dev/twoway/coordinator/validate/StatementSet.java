package dev.twoway.coordinator.validate;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.twoway.core.ddl.DeployStatement;
import dev.twoway.core.state.MemberKind;

/**
 * A deploy request's statements judged together, in order, before anything is looked up or
 * created: each table is the subject of at most one statement (two ALTERs of one table are refused
 * rather than combined: MySQL applies the clauses of one ALTER together, against the table before
 * it, while two ALTERs apply in turn, and merging them would change what some of them mean); a
 * DROP of a table another statement alters, a CREATE of a name another statement uses, and a LIKE
 * of a table the request changes are refused. Decides only.
 */
public final class StatementSet {
    private StatementSet() {
    }

    public static List<String> problems(List<DeployStatement> statements) {
        List<String> problems = new ArrayList<>();
        Map<String, DeployStatement> byTable = new HashMap<>();
        for (DeployStatement statement : statements) {
            String key = key(statement.schema(), statement.table());
            DeployStatement earlier = byTable.putIfAbsent(key, statement);
            if (earlier != null) {
                problems.add(collision(earlier, statement));
            }
        }
        for (DeployStatement statement : statements) {
            if (statement.kind() == MemberKind.CREATE && statement.create().likeTable().isPresent()) {
                DeployStatement source = byTable.get(key(statement.schema(), statement.create().likeTable().get()));
                if (source != null) {
                    problems.add(where(statement) + "LIKE " + source.schema() + "." + source.table() + " is refused: "
                            + where(source).replace(": ", "") + " changes that table, and twoway builds the new "
                            + "table before any statement runs; write its definition out");
                }
            }
        }
        return problems;
    }

    private static String collision(DeployStatement first, DeployStatement second) {
        String table = second.schema() + "." + second.table();
        if (first.kind() == MemberKind.ALTER && second.kind() == MemberKind.ALTER) {
            return where(second) + "alters " + table + ", which statement " + first.position() + " alters too: "
                    + "write the changes as one ALTER TABLE (MySQL applies its clauses together, against the table "
                    + "as it was; two ALTERs would apply one after the other, which twoway does not combine)";
        }
        if (second.kind() == MemberKind.DROP || first.kind() == MemberKind.DROP) {
            DeployStatement other = second.kind() == MemberKind.DROP ? first : second;
            DeployStatement drop = second.kind() == MemberKind.DROP ? second : first;
            return where(second) + "statement " + drop.position() + " drops " + table + ", which statement "
                    + other.position() + " " + verb(other) + ": a table of a request is the subject of one statement";
        }
        return where(second) + verb(second) + " " + table + ", which statement " + first.position() + " "
                + verb(first) + ": a table of a request is the subject of one statement, and names collide with "
                + "nothing";
    }

    private static String verb(DeployStatement statement) {
        return switch (statement.kind()) {
            case ALTER -> "alters";
            case CREATE -> "creates";
            case DROP -> "drops";
        };
    }

    /** "statement 2 (DROP TABLE shop.t): ". */
    static String where(DeployStatement statement) {
        return "statement " + statement.position() + " (" + statement.describe() + "): ";
    }

    private static String key(String schema, String table) {
        return schema + "\u0000" + table;
    }
}
