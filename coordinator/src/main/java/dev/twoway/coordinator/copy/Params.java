package dev.twoway.coordinator.copy;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** Binds the copy's parameters, key values among them. */
final class Params {
    private Params() {
    }

    /**
     * A BigInteger (a BIGINT UNSIGNED key above 2^63 - 1) is bound as a decimal: Connector/J sends
     * it as a quoted string, and MySQL compares a string with an integer column as doubles, which
     * cannot tell 2^63 + 1 from 2^63 + 2: the copy read the same rows again and again.
     */
    static void bind(PreparedStatement s, List<Object> params) throws SQLException {
        for (int i = 0; i < params.size(); i++) {
            Object value = params.get(i);
            s.setObject(i + 1, value instanceof BigInteger big ? new BigDecimal(big) : value);
        }
    }
}
