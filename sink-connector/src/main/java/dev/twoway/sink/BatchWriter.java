package dev.twoway.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;
import dev.twoway.core.projection.ProjectedWrite;
import dev.twoway.core.projection.StagedWrite;

/**
 * Buffers row changes and writes them as multi-row statements. In record order by default:
 * consecutive changes of one kind, table and column set share a statement (MySQL applies the rows
 * of one upsert in order, so several changes of one key stay ordered); the caller flushes before
 * a change that does not {@link #fits fit}, so a delete between two upserts of a key is never
 * reordered. On a target whose keys are independent ({@link KeyIndependence}), upserts and
 * deletes buffer together and are written as the last change per key ({@link CoalescedChanges}):
 * a mixed workload of interleaved inserts, updates and deletes otherwise writes a statement
 * every change or two. A move is always written alone. The writer never flushes on its own: the
 * caller decides what a failure means.
 */
public final class BatchWriter {
    private final StatementExecutor executor;
    private final int maxRows;
    private final List<RowChange> pending = new ArrayList<>();

    public BatchWriter(StatementExecutor executor, int maxRows) {
        this.executor = executor;
        this.maxRows = maxRows;
    }

    /** Whether {@code change} can join the buffered statement (true when nothing is buffered). */
    public boolean fits(RowChange change) {
        if (pending.isEmpty()) {
            return true;
        }
        RowChange first = pending.get(0);
        boolean joins = coalesced(first) ? coalesced(change) && first.target().equals(change.target())
                : first.sameStatementAs(change);
        return joins && pending.size() < maxRows;
    }

    /** Whether the change buffers with the other changes of its target whatever their kind. */
    private static boolean coalesced(RowChange change) {
        return change.kind() != RowChange.Kind.MOVE && change.target().independentKeys();
    }

    /** Buffers a change; the caller has flushed first unless it {@link #fits}. */
    public void add(RowChange change) {
        if (!fits(change)) {
            throw new IllegalStateException("flush before adding a change of another statement");
        }
        pending.add(change);
    }

    /** Whether the buffered statement has reached its row limit. */
    public boolean full() {
        return pending.size() >= maxRows;
    }

    /** Writes what is buffered. A failure names the table and the records, and keeps MySQL's error code. */
    public void flush() throws SQLException {
        if (pending.isEmpty()) {
            return;
        }
        List<List<RowChange>> statements = coalesced(pending.get(0)) ? CoalescedChanges.plan(pending)
                : List.of(List.copyOf(pending));
        pending.clear();
        for (int i = 0; i < statements.size(); i++) {
            try {
                write(statements.get(i));
            }
            catch (SQLException e) {
                // what is not written yet, in the order planned: written again one by one, it ends the same
                List<RowChange> unwritten = statements.subList(i, statements.size()).stream()
                        .flatMap(List::stream).toList();
                throw new RowWriteException(describeFailure(statements.get(i), e), e, unwritten);
            }
        }
    }

    private void write(List<RowChange> statement) throws SQLException {
        RowChange first = statement.get(0);
        executor.zone(first.target().serverZone());
        if (first.kind() == RowChange.Kind.UPSERT && first.target().staging() != null) {
            staged(statement);
        }
        else {
            direct(statement);
        }
    }

    private void direct(List<RowChange> statement) throws SQLException {
        RowChange first = statement.get(0);
        List<Object> parameters = new ArrayList<>(statement.size() * first.columns().size());
        statement.forEach(change -> parameters.addAll(change.values()));
        Target target = first.target();
        String sql = switch (first.kind()) {
            case UPSERT -> ProjectedWrite.upsert(first.schema(), first.table(), first.columns(),
                    target.projection().keyTargetColumns(), target.keepOnUpdate(), statement.size());
            case DELETE -> ProjectedWrite.delete(first.schema(), first.table(), first.columns(), statement.size());
            case MOVE -> ProjectedWrite.move(first.schema(), first.table(), first.columns(), keyConversions(first));
        };
        executor.execute(sql, parameters);
    }

    /** How each key column's value is converted to the target's type (as it is, unless the statement retypes it). */
    private static List<String> keyConversions(RowChange move) {
        List<String> targetColumns = move.target().projection().targetColumns();
        return move.columns().stream().map(k -> move.target().conversion(targetColumns.indexOf(k))).toList();
    }

    /** The rows as the source holds them into the staging table, then converted into the target by MySQL. */
    private void staged(List<RowChange> statement) throws SQLException {
        RowChange first = statement.get(0);
        StagedWrite staging = first.target().staging();
        List<Object> parameters = new ArrayList<>(statement.size() * (first.columns().size() + 1));
        for (int i = 0; i < statement.size(); i++) {
            parameters.add(i);
            parameters.addAll(statement.get(i).values());
        }
        executor.execute(staging.create(), List.of());
        executor.execute(staging.clear(), List.of());
        executor.execute(staging.stage(statement.size()), parameters);
        executor.execute(staging.apply(first.table(), first.columns(), first.target().projection().keyTargetColumns(),
                first.target().keepOnUpdate()), List.of());
    }

    /** Drops what is buffered (the transaction is being rolled back). */
    public void discard() {
        pending.clear();
    }

    public int pendingRows() {
        return pending.size();
    }

    private static String describeFailure(List<RowChange> statement, SQLException e) {
        RowChange first = statement.get(0);
        RowChange last = statement.get(statement.size() - 1);
        String records = statement.size() == 1 ? "record " + first.origin()
                : statement.size() + " records " + first.origin() + " .. " + last.origin();
        return "cannot " + switch (first.kind()) {
            case UPSERT -> "upsert into ";
            case DELETE -> "delete from ";
            case MOVE -> "move a row's key in ";
        }
                + Sql.qualified(first.schema(), first.table()) + " (" + records + ", " + first.route() + "): "
                + e.getMessage();
    }
}
