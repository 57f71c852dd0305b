package dev.twoway.coordinator.validate;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.twoway.coordinator.reconcile.Target;
import dev.twoway.core.ddl.AlterStatement;
import dev.twoway.core.ddl.DdlException;
import dev.twoway.core.ddl.DeployScript;
import dev.twoway.core.ddl.DeployStatement;
import dev.twoway.core.schema.TableInspector;
import dev.twoway.core.schema.TableSchema;
import dev.twoway.core.state.MemberKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationStore;

/**
 * A deploy request judged whole before anything is created, every problem at once: each statement
 * on its own (its grammar and allow-list, then its table: {@link MigrationValidation} for an ALTER,
 * {@link CreateDropChecks} for a CREATE or DROP), and the statements together ({@link StatementSet}).
 * A request of one says exactly what a single migration always said; in a request of several each
 * reason names its statement. Called from the connector's {@code validate()} and again by the task
 * before it creates anything. Only reads.
 */
public final class RequestValidation {
    private final String sidecar;

    public RequestValidation(String sidecar) {
        this.sidecar = sidecar;
    }

    /** A member as judged: its statement, its migration id, and for an ALTER the statement read and its table. */
    public record Member(DeployStatement statement, String migrationId, AlterStatement alter, TableSchema table) {
    }

    /** The members when the statements could be read (empty otherwise), and every problem. */
    public record Result(List<Member> members, List<String> problems) {
        public boolean ok() {
            return problems.isEmpty();
        }

        public String message() {
            return String.join("; ", problems);
        }
    }

    /** The statements alone, without a database: every reason they cannot be run (none when they can). */
    public static List<String> statementProblems(String ddl) {
        try {
            return StatementSet.problems(DeployScript.parse(ddl));
        }
        catch (DdlException e) {
            return e.problems();
        }
    }

    /**
     * The text each member's row keeps: the whole {@code ddl} for a request of one (as a single
     * migration always kept it), each statement as written for a request of several; empty when
     * the statements cannot be read.
     */
    public static List<String> memberTexts(String ddl) {
        try {
            return DeployScript.parse(ddl).stream().map(DeployStatement::text).toList();
        }
        catch (DdlException e) {
            return List.of();
        }
    }

    /** Whether the rows are the members of exactly these statements, in order. */
    public static boolean sameStatements(List<MigrationRow> rows, String ddl) {
        List<String> texts = rows.size() == 1 ? List.of(ddl) : memberTexts(ddl);
        if (texts.size() != rows.size()) {
            return false;
        }
        for (int i = 0; i < rows.size(); i++) {
            if (!rows.get(i).ddl().trim().equals(texts.get(i).trim())) {
                return false;
            }
        }
        return true;
    }

    public Result check(Connection c, String ddl, String requestId) throws SQLException {
        List<DeployStatement> statements;
        try {
            statements = DeployScript.parse(ddl);
        }
        catch (DdlException e) {
            return new Result(List.of(), e.problems());
        }
        List<String> problems = new ArrayList<>(StatementSet.problems(statements));
        List<Member> members = new ArrayList<>();
        for (DeployStatement statement : statements) {
            String id = MemberIds.of(requestId, statement.position(), statements.size());
            String where = statements.size() == 1 ? "" : StatementSet.where(statement);
            if (statement.kind() == MemberKind.ALTER) {
                MigrationValidation.Result alter = new MigrationValidation(sidecar).check(c, statement.text(), id);
                alter.problems().forEach(p -> problems.add(where + p));
                members.add(new Member(statement, id, alter.statement(), alter.table()));
            }
            else {
                new CreateDropChecks(sidecar).problems(c, statement, id).forEach(p -> problems.add(where + p));
                members.add(new Member(statement, id, null, null));
            }
        }
        return new Result(List.copyOf(members), List.copyOf(problems));
    }

    /**
     * Why {@code target} (cancelled or ready) is refused for the request, if it is: a member past
     * the cut-over (a request moves as one, so the first member's reason is the request's); see
     * {@link TargetRefusal}.
     */
    public Optional<String> targetRefusal(Connection c, String requestId, Target target) throws SQLException {
        List<MigrationRow> rows = new TableInspector(c).exists(sidecar, "migrations")
                ? new MigrationStore(sidecar).members(c, requestId) : List.of();
        return rows.stream().map(r -> TargetRefusal.reason(r, target)).flatMap(Optional::stream).findFirst();
    }

    /**
     * Why {@code migration.target=complete} is refused for a reverted request, if it is: a member
     * whose parked new table could not hold a row written after the revert (a request re-applies
     * whole). Empty when no row exists yet or nothing is reverted.
     */
    public Optional<String> reapplyRefusal(Connection c, String requestId) throws SQLException {
        List<MigrationRow> rows = new TableInspector(c).exists(sidecar, "migrations")
                ? new MigrationStore(sidecar).members(c, requestId) : List.of();
        return rows.stream().map(RevertRefusal::reapplyReason).flatMap(Optional::stream).findFirst()
                .map(RevertRefusal::reapplyMessage);
    }

    /**
     * Why {@code migration.target=reverted} is refused for the request, if it is: the refusal the
     * reconciler would write (the first member's that has one: a request reverts whole), or that there
     * is nothing to revert yet.
     */
    public Optional<String> revertRefusal(Connection c, String requestId) throws SQLException {
        List<MigrationRow> rows = new TableInspector(c).exists(sidecar, "migrations")
                ? new MigrationStore(sidecar).members(c, requestId) : List.of();
        if (rows.isEmpty()) {
            return Optional.of(RevertRefusal.message("there is no migration '" + requestId + "' yet; "
                    + "only a complete migration can be reverted"));
        }
        for (MigrationRow row : rows) {
            Optional<String> reason = RevertRefusal.reason(row, Instant.now());
            if (reason.isPresent()) {
                return reason.map(RevertRefusal::message);
            }
        }
        return Optional.empty();
    }
}
