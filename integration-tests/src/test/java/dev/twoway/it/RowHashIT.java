package dev.twoway.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.twoway.coordinator.checksum.ChecksumResult;
import dev.twoway.coordinator.checksum.ChecksumSide;
import dev.twoway.coordinator.checksum.TableChecksum;
import dev.twoway.it.support.TestMySql;

/**
 * The checksum's row hash on the real server tells apart every pair of values a copy could
 * confuse: NULL and the empty string, NULL and 0, a comma moved across a column boundary, a
 * microsecond, the last bit of a DOUBLE, trailing zero bytes, JSON, and strings equal under
 * their collation but not byte for byte; and finds equal rows equal. Two tables, no pipeline:
 * {@link TableChecksum} itself, as the swap runs it.
 */
class RowHashIT {
    private static final String COLUMNS = "id INT PRIMARY KEY, a VARCHAR(10) CHARACTER SET latin1 NULL, "
            + "b VARCHAR(10) CHARACTER SET utf8mb4 COLLATE utf8mb4_0900_ai_ci NULL, n INT NULL, d DATETIME(6) NULL, "
            + "f DOUBLE NULL, bn VARBINARY(10) NULL, j JSON NULL";
    private static final List<String> NAMES = List.of("id", "a", "b", "n", "d", "f", "bn", "j");
    private static final Set<String> PLAIN = Set.of("id", "n", "d", "f");

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;

    @BeforeEach
    void createTables() throws Exception {
        db = mysql.createDatabase("rowhash");
        mysql.execute("CREATE TABLE `" + db + "`.`l` (" + COLUMNS + ")", "CREATE TABLE `" + db + "`.`r` (" + COLUMNS + ")");
    }

    @AfterEach
    void dropDatabase() throws Exception {
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`");
    }

    @Test
    void valuesACopyCouldConfuseHashApartAndEqualRowsAlike() throws Exception {
        String[][] rows = {
                {"1, 'a,b', NULL, 1, NULL, NULL, NULL, NULL", "1, 'a', 'b', 1, NULL, NULL, NULL, NULL"},
                {"2, '', NULL, NULL, NULL, NULL, NULL, NULL", "2, NULL, NULL, NULL, NULL, NULL, NULL, NULL"},
                {"3, NULL, NULL, 0, NULL, NULL, NULL, NULL", "3, NULL, NULL, NULL, NULL, NULL, NULL, NULL"},
                {"4, NULL, NULL, NULL, '2024-01-01 00:00:00.000001', NULL, NULL, NULL",
                        "4, NULL, NULL, NULL, '2024-01-01 00:00:00', NULL, NULL, NULL"},
                {"5, NULL, NULL, NULL, NULL, 0.1, NULL, NULL", "5, NULL, NULL, NULL, NULL, 0.10000000000000002, NULL, NULL"},
                {"6, NULL, NULL, NULL, NULL, NULL, x'00', NULL", "6, NULL, NULL, NULL, NULL, NULL, x'0000', NULL"},
                {"7, NULL, NULL, NULL, NULL, NULL, NULL, '{\"a\": 1}'", "7, NULL, NULL, NULL, NULL, NULL, NULL, '{\"a\": 2}'"},
                {"8, NULL, 'é', NULL, NULL, NULL, NULL, NULL", "8, NULL, 'e', NULL, NULL, NULL, NULL, NULL"},
                {"9, 'é,', 'x', -5, '1999-12-31 23:59:59.5', -2.5e-30, x'ff00', '[1, \"two\"]'",
                        "9, 'é,', 'x', -5, '1999-12-31 23:59:59.5', -2.5e-30, x'ff00', '[1, \"two\"]'"}};
        for (String[] pair : rows) {
            mysql.execute("INSERT INTO `" + db + "`.`l` VALUES (" + pair[0] + ")",
                    "INSERT INTO `" + db + "`.`r` VALUES (" + pair[1] + ")");
        }
        ChecksumResult result = compare();
        assertEquals(List.of("[1] (values differ)", "[2] (values differ)", "[3] (values differ)", "[4] (values differ)",
                "[5] (values differ)", "[6] (values differ)", "[7] (values differ)", "[8] (values differ)"),
                result.differing(), result.mismatch());

        mysql.execute("DELETE FROM `" + db + "`.`l` WHERE id < 9", "DELETE FROM `" + db + "`.`r` WHERE id < 9");
        assertTrue(compare().equal(), "equal rows hash alike");
    }

    private ChecksumResult compare() throws Exception {
        try (Connection left = mysql.connect(); Connection right = mysql.connect(); TableChecksum checksum = new TableChecksum()) {
            return checksum.compare(left, new ChecksumSide(db, "l", List.of("id"), NAMES, PLAIN), right,
                    new ChecksumSide(db, "r", List.of("id"), NAMES, PLAIN), true);
        }
    }
}
