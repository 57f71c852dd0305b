package dev.twoway.sink;

import java.sql.SQLException;
import java.util.List;

/** Runs one parameterised statement in the sink's open transaction. */
@FunctionalInterface
public interface StatementExecutor {
    void execute(String sql, List<Object> parameters) throws SQLException;
}
