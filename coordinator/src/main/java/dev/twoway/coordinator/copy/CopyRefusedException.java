package dev.twoway.coordinator.copy;

import java.sql.SQLException;
import java.util.Set;

/**
 * MySQL refused a copied value under strict mode: it does not fit the new schema (out of range,
 * too long, NULL into NOT NULL, incorrect value). Retrying cannot help; the migration fails.
 */
public final class CopyRefusedException extends RuntimeException {
    /**
     * 1048 NULL into NOT NULL, 1264 out of range, 1265 truncated, 1292 incorrect value, 1364 no
     * default, 1366 incorrect value, 1406 too long, 1416 not a geometry, 1441 datetime overflow,
     * 3037 invalid GIS data, 3140-3146 invalid JSON, 3616/3617 coordinates, 3819 a CHECK.
     */
    private static final Set<Integer> DATA_ERRORS = Set.of(1048, 1264, 1265, 1292, 1364, 1366, 1406, 1416, 1441,
            3037, 3140, 3141, 3143, 3144, 3146, 3616, 3617, 3819);

    public CopyRefusedException(String message, SQLException cause) {
        super(message, cause);
    }

    public static boolean isDataError(SQLException e) {
        return DATA_ERRORS.contains(e.getErrorCode());
    }
}
