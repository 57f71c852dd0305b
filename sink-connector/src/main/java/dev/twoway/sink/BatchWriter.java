package dev.twoway.sink;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.Sql;
import dev.twoway.core.projection.ProjectedWrite;
import dev.twoway.core.projection.StagedWrite;

/**
 * Buffers row changes and writes them as multi-row statements, in record order. Consecutive
 * changes of one kind, table and column set share a statement (MySQL applies the rows of one
 * upsert in order, so several changes of one key stay ordered); the caller flushes before a
 * change that does not {@link #fits fit}, so a delete between two upserts of a key is never
 * reordered. The writer never flushes on its own: the caller decides what a failure means.
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
        return pending.isEmpty() || pending.get(0).sameStatementAs(change) && pending.size() < maxRows;
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
        RowChange first = pending.get(0);
        try {
            if (first.kind() == RowChange.Kind.UPSERT && first.target().staging() != null) {
                staged(first);
            }
            else {
                direct(first);
            }
        }
        catch (SQLException e) {
            throw new RowWriteException(describeFailure(e), e, pending);
        }
        finally {
            pending.clear();
        }
    }

    private void direct(RowChange first) throws SQLException {
        List<Object> parameters = new ArrayList<>(pending.size() * first.columns().size());
        pending.forEach(change -> parameters.addAll(change.values()));
        Target target = first.target();
        String sql = switch (first.kind()) {
            case UPSERT -> ProjectedWrite.upsert(first.schema(), first.table(), first.columns(),
                    target.projection().keyTargetColumns(), target.keepOnUpdate(), pending.size());
            case DELETE -> ProjectedWrite.delete(first.schema(), first.table(), first.columns(), pending.size());
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
    private void staged(RowChange first) throws SQLException {
        StagedWrite staging = first.target().staging();
        List<Object> parameters = new ArrayList<>(pending.size() * (first.columns().size() + 1));
        for (int i = 0; i < pending.size(); i++) {
            parameters.add(i);
            parameters.addAll(pending.get(i).values());
        }
        executor.execute(staging.create(), List.of());
        executor.execute(staging.clear(), List.of());
        executor.execute(staging.stage(pending.size()), parameters);
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

    private String describeFailure(SQLException e) {
        RowChange first = pending.get(0);
        RowChange last = pending.get(pending.size() - 1);
        String records = pending.size() == 1 ? "record " + first.origin()
                : pending.size() + " records " + first.origin() + " .. " + last.origin();
        return "cannot " + switch (first.kind()) {
            case UPSERT -> "upsert into ";
            case DELETE -> "delete from ";
            case MOVE -> "move a row's key in ";
        }
                + Sql.qualified(first.schema(), first.table()) + " (" + records + ", " + first.route() + "): "
                + e.getMessage();
    }
}
