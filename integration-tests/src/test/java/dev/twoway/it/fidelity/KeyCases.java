package dev.twoway.it.fidelity;

import static dev.twoway.it.fidelity.FidelityCase.of;

import java.util.List;

/**
 * Cases about the key a change finds its row by: composite, a case-insensitive VARCHAR, BINARY(16),
 * DATETIME(3), BIGINT UNSIGNED above 2^63, an AUTO_INCREMENT key holding a row whose key is 0,
 * and a key column retyped by the statement. {@link KeyMaker} makes the key values.
 */
final class KeyCases {
    static final String COMPOSITE = "CREATE TABLE %s (a INT NOT NULL, b VARCHAR(20) NOT NULL, v VARCHAR(20), "
            + "ts TIMESTAMP(3) NULL, PRIMARY KEY (a, b))";
    static final String AUTO = "CREATE TABLE %s (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, v VARCHAR(20), n INT)";

    private KeyCases() {
    }

    static List<FidelityCase> all() {
        return List.of(
                of("key_composite", COMPOSITE, "ADD COLUMN w INT DEFAULT 3"),
                of("key_composite_retype", COMPOSITE, "MODIFY b VARCHAR(40) NOT NULL, MODIFY a BIGINT NOT NULL"),
                of("key_varchar_ci", "CREATE TABLE %s (k VARCHAR(40) COLLATE utf8mb4_0900_ai_ci NOT NULL PRIMARY KEY, "
                        + "v VARCHAR(20), n INT)", "ADD COLUMN w INT DEFAULT 3, MODIFY v VARCHAR(30)"),
                of("key_binary16", "CREATE TABLE %s (k BINARY(16) NOT NULL PRIMARY KEY, v VARCHAR(20), b BLOB)",
                        "ADD COLUMN w INT DEFAULT 3, DROP COLUMN b"),
                of("key_datetime3", "CREATE TABLE %s (k DATETIME(3) NOT NULL PRIMARY KEY, v VARCHAR(20), n INT)",
                        "ADD COLUMN w INT DEFAULT 3"),
                of("key_bigint_unsigned", "CREATE TABLE %s (k BIGINT UNSIGNED NOT NULL PRIMARY KEY, v VARCHAR(20), n INT)",
                        "MODIFY v VARCHAR(60), ADD INDEX ix_n (n)"),
                of("key_auto_zero", AUTO, "ADD COLUMN w INT DEFAULT 3").withZeroKey(),
                of("key_widen", AUTO, "MODIFY id BIGINT NOT NULL AUTO_INCREMENT").withZeroKey(),
                // After the cut-over the writers insert keys above 2^63, which the old INT key cannot hold.
                of("key_widen_unsigned", AUTO, "MODIFY id BIGINT UNSIGNED NOT NULL AUTO_INCREMENT").notRevertible("'id'"));
    }
}
