package dev.twoway.it.fidelity;

import static dev.twoway.it.fidelity.EdgeValues.UNIQUE;
import static dev.twoway.it.fidelity.FidelityCase.of;

import java.util.List;

/**
 * Cases about ALTER clauses: each kind twoway accepts on a small table (columns added, dropped,
 * moved, renamed, recreated; defaults, visibility, generated columns, ON UPDATE; indexes, unique
 * keys over distinct values, over duplicates and under churn; the primary key moved to or from
 * a NOT NULL unique key; CHECK constraints; table options), and a few it refuses.
 */
final class ClauseCases {
    static final String BASE = "CREATE TABLE %s (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT NOT NULL DEFAULT 0, "
            + "b VARCHAR(40), c DATETIME(3) NULL, d DECIMAL(8,2) NOT NULL DEFAULT 1.50, t TEXT, u INT, "
            + "inv INT NULL INVISIBLE, KEY ix_b (b), KEY ix_c (c))";
    static final String CHECKED = "CREATE TABLE %s (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT, b INT, "
            + "v VARCHAR(20), CHECK (b > -100))";
    static final String GENERATED = "CREATE TABLE %s (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT, b VARCHAR(40), "
            + "gv BIGINT AS (a + 1) VIRTUAL, gs VARCHAR(60) AS (CONCAT(b, '!')) STORED, KEY ix_gv (gv))";
    static final String CLOCKS = "CREATE TABLE %s (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT, "
            + "upd TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), "
            + "dupd DATETIME NULL ON UPDATE CURRENT_TIMESTAMP, dts TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, "
            + "ddt DATETIME(3) NULL DEFAULT CURRENT_TIMESTAMP(3), dd DATE NULL DEFAULT (CURRENT_DATE))";
    static final String UNIQUE_KEYED = "CREATE TABLE %s (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, u INT, "
            + "v VARCHAR(20), UNIQUE KEY uk_u (u))";
    static final String PK_AND_UK = "CREATE TABLE %s (id INT NOT NULL, code VARCHAR(20) NOT NULL, v INT, "
            + "PRIMARY KEY (id), UNIQUE KEY uk_code (code))";
    static final String UK_ONLY = "CREATE TABLE %s (id INT NOT NULL, code VARCHAR(20) NOT NULL, v INT, "
            + "UNIQUE KEY uk_code (code))";

    /** A small domain on a uniquely keyed column: writers keep moving values between rows. */
    private static final String[] CHURN = {"1", "2", "3", "4", "5", "6", "NULL", "NULL", "NULL"};

    private ClauseCases() {
    }

    static List<FidelityCase> all() {
        return List.of(
                of("add_columns", BASE, "ADD COLUMN n1 INT NOT NULL DEFAULT 7, ADD COLUMN n2 VARCHAR(20) NULL, "
                        + "ADD COLUMN n3 JSON NULL, ADD COLUMN n4 TIMESTAMP(3) NULL DEFAULT CURRENT_TIMESTAMP(3)").clock("n4"),
                of("add_not_null_no_default", BASE, "ADD COLUMN n INT NOT NULL, ADD COLUMN s VARCHAR(10) NOT NULL, "
                        + "ADD COLUMN e ENUM('p','q') NOT NULL"),
                of("add_column_placement", BASE, "ADD COLUMN f0 INT FIRST, ADD COLUMN f1 VARCHAR(10) DEFAULT 'x' AFTER b, "
                        + "ADD COLUMN (p1 INT, p2 INT DEFAULT 2)"),
                of("drop_columns", BASE, "DROP COLUMN b, DROP COLUMN t, DROP COLUMN inv"),
                of("column_order", BASE, "MODIFY b VARCHAR(40) FIRST, MODIFY t TEXT AFTER id, "
                        + "CHANGE c c DATETIME(3) NULL AFTER d"),
                of("rename_columns", BASE, "RENAME COLUMN b TO bee, RENAME COLUMN a TO ay").renamed("b", "bee")
                        .renamed("a", "ay"),
                of("change_column", BASE, "CHANGE d amount DECIMAL(12,3) NOT NULL DEFAULT 0.5, "
                        + "CHANGE a a BIGINT NOT NULL DEFAULT 1").renamed("d", "amount"),
                of("defaults", BASE, "ALTER COLUMN a SET DEFAULT 42, ALTER COLUMN d DROP DEFAULT, "
                        + "ALTER COLUMN b SET DEFAULT 'dflt', ALTER COLUMN c SET DEFAULT '2001-02-03 04:05:06.789'"),
                of("visibility", BASE, "ALTER COLUMN a SET INVISIBLE, ALTER COLUMN inv SET VISIBLE"),
                of("recreate", BASE, "DROP COLUMN a, ADD COLUMN a INT NOT NULL DEFAULT 47").recreates("a"),
                of("recreate_nullable", BASE, "DROP COLUMN b, ADD COLUMN b VARCHAR(40) DEFAULT 'fresh' AFTER a")
                        .recreates("b"),
                of("not_null_over_nulls", BASE, "MODIFY b VARCHAR(40) NOT NULL").fails("null"),
                of("generated_add", BASE, "ADD COLUMN g1 BIGINT AS (a * 2) VIRTUAL, "
                        + "ADD COLUMN g2 VARCHAR(50) AS (CONCAT(b, '#')) STORED, ADD INDEX ix_g1 (g1)"),
                of("generated_modify", GENERATED, "MODIFY gs VARCHAR(60) AS (CONCAT(b, '?')) STORED, MODIFY a BIGINT"),
                of("generated_drop", GENERATED, "DROP COLUMN gv, DROP COLUMN gs"),
                of("on_update", CLOCKS, "MODIFY dupd DATETIME NULL, ADD COLUMN upd2 DATETIME(6) NOT NULL "
                        + "DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6)").clock("upd2"),
                of("expression_defaults", CLOCKS, "ALTER COLUMN ddt SET DEFAULT '2001-02-03 04:05:06.789', "
                        + "ALTER COLUMN dts DROP DEFAULT, ADD COLUMN dnew DATETIME NULL DEFAULT CURRENT_TIMESTAMP, "
                        + "ADD COLUMN jd JSON DEFAULT (JSON_ARRAY())").clock("dnew"),
                of("add_indexes", BASE, "ADD INDEX ix_a (a), ADD INDEX ix_multi (c, b(10)), ADD INDEX ix_desc (d DESC)"),
                of("add_functional_index", BASE, "ADD INDEX ix_expr ((a + 1))"),
                of("drop_indexes", BASE, "DROP INDEX ix_b, DROP KEY ix_c"),
                of("index_rename_visibility", BASE, "RENAME INDEX ix_b TO ix_bee, ALTER INDEX ix_c INVISIBLE"),
                of("add_fulltext", BASE, "ADD FULLTEXT INDEX ft_t (t)"),
                of("add_unique", BASE, "ADD UNIQUE KEY uk_u (u)").domain("u", UNIQUE, UNIQUE, "NULL"),
                // Duplicates in the rows the copy reads (the writers then write distinct values) ...
                of("add_unique_duplicates", BASE, "ADD UNIQUE KEY uk_u (u)").seedDomain("u", "7", UNIQUE)
                        .domain("u", UNIQUE).fails("Duplicate entry '7'"),
                // ... and only in the rows written during the copy, which reach the shadow through the sink.
                of("add_unique_streamed_dups", BASE, "ADD UNIQUE KEY uk_u (u)").seedDomain("u", UNIQUE)
                        .oldDomain("u", "7", "7", UNIQUE).fails("Duplicate entry '7'"),
                of("unique_churn", UNIQUE_KEYED, "ADD COLUMN w INT DEFAULT 5").domain("u", CHURN),
                of("drop_unique", UNIQUE_KEYED, "DROP INDEX uk_u").oldDomain("u", CHURN).newDomain("u", UNIQUE, "NULL"),
                of("drop_unique_inverse_dups", UNIQUE_KEYED, "DROP INDEX uk_u").oldDomain("u", CHURN)
                        .newDomain("u", "7").notRevertible("Duplicate entry '7'"),
                // id stays unique after the cut-over too: the old table's primary key must take every row back.
                of("drop_primary_key", PK_AND_UK, "DROP PRIMARY KEY").domain("id", UNIQUE).domain("code", UNIQUE)
                        .fixed("id", "code"),
                of("add_primary_key", UK_ONLY, "ADD PRIMARY KEY (id)").domain("id", UNIQUE).domain("code", UNIQUE)
                        .fixed("id", "code"),
                of("move_primary_key", PK_AND_UK, "DROP PRIMARY KEY, ADD PRIMARY KEY (code)").domain("id", UNIQUE)
                        .domain("code", UNIQUE).fixed("id", "code"),
                // The writers move the values of the key twoway finds rows by (not the source's primary key).
                of("row_key_moves", PK_AND_UK, "DROP PRIMARY KEY").domain("id", UNIQUE).domain("code", UNIQUE),
                of("add_check", CHECKED, "ADD CHECK (a >= 0)").domain("a", "0", "1", "42", "2147483647", "NULL", "DEFAULT"),
                of("add_named_check", CHECKED, "ADD CONSTRAINT c_a_small CHECK (a < 1000000)")
                        .domain("a", "0", "-1", "42", "-2147483648", "NULL"),
                of("drop_check_generated", CHECKED, "DROP CHECK f_drop_check_generated_chk_1")
                        .domain("b", "-99", "0", "5", "2147483647", "NULL"),
                of("drop_constraint", CHECKED, "DROP CONSTRAINT f_drop_constraint_chk_1")
                        .domain("b", "-99", "0", "2147483647", "NULL"),
                of("check_inverse", CHECKED, "DROP CHECK f_check_inverse_chk_1").oldDomain("b", "-99", "0", "NULL")
                        .newDomain("b", "-1000").notRevertible("check constraint"),
                of("check_not_enforced", CHECKED, "ALTER CHECK f_check_not_enforced_chk_1 NOT ENFORCED")
                        .domain("b", "-99", "0", "5", "NULL"),
                of("add_check_violated", CHECKED, "ADD CHECK (a >= 0)").fails("check constraint"),
                of("table_options", BASE, "COMMENT = 'fidelity', ROW_FORMAT = COMPACT, ENGINE = InnoDB, "
                        + "DEFAULT CHARSET = latin1"),
                of("refused_named_check", "CREATE TABLE %s (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, a INT, "
                        + "CONSTRAINT own_chk CHECK (a > -5))", "ADD COLUMN w INT").refused("own_chk"),
                of("refused_rename_table", BASE, "RENAME TO f_elsewhere").refused("RENAME"));
    }
}
