package dev.twoway.it.fidelity;

import java.util.List;

/** The rows of the fidelity matrix. */
final class FidelityCases {
    /** Every column type MySQL has, with defaults, ON UPDATE, generated and invisible columns. */
    static final String WIDE = "CREATE TABLE %s (id INT NOT NULL AUTO_INCREMENT PRIMARY KEY, "
            + "ti TINYINT, tiu TINYINT UNSIGNED, si SMALLINT, siu SMALLINT UNSIGNED, mi MEDIUMINT, miu MEDIUMINT UNSIGNED, "
            + "i INT, iu INT UNSIGNED, bi BIGINT, biu BIGINT UNSIGNED, "
            + "d1 DECIMAL(10,2), d2 DECIMAL(65,30), d3 DECIMAL(5,0) UNSIGNED, f FLOAT, dbl DOUBLE, "
            + "b1 BIT(1), b10 BIT(10), b64 BIT(64), y YEAR, dt DATE, tm TIME, tm6 TIME(6), "
            + "dtm DATETIME, dtm3 DATETIME(3), dtm6 DATETIME(6), ts TIMESTAMP NULL, ts6 TIMESTAMP(6) NULL, "
            + "ts_def TIMESTAMP NULL DEFAULT CURRENT_TIMESTAMP, dt_def DATETIME NULL DEFAULT CURRENT_TIMESTAMP, "
            + "ts_upd TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3) ON UPDATE CURRENT_TIMESTAMP(3), "
            + "ch CHAR(10), vc VARCHAR(255), vlat VARCHAR(50) CHARACTER SET latin1, vbin VARCHAR(50) COLLATE utf8mb4_bin, "
            + "tx TEXT, mtx MEDIUMTEXT, bn BINARY(8), vb VARBINARY(64), bl BLOB, "
            + "e ENUM('a','b','c'), st SET('x','y','z'), j JSON, g GEOMETRY NULL, pt POINT NULL, "
            + "gv BIGINT AS (i + 1) VIRTUAL, gs VARCHAR(300) AS (CONCAT(vc, '!')) STORED, "
            + "inv INT NULL INVISIBLE, nn VARCHAR(10) NOT NULL DEFAULT 'x')";

    private FidelityCases() {
    }

    static List<FidelityCase> all() {
        return List.of(
                FidelityCase.of("all_force", WIDE, "FORCE").withZeroKey(),
                FidelityCase.of("all_drop", WIDE, "DROP COLUMN ti, DROP COLUMN dbl, DROP COLUMN ts_def, DROP COLUMN tx, "
                        + "DROP COLUMN j, DROP COLUMN g, DROP COLUMN st, DROP COLUMN ts_upd").clock("ts_def", "ts_upd"),
                FidelityCase.of("widen", WIDE, "MODIFY ti SMALLINT, MODIFY i BIGINT, MODIFY iu BIGINT UNSIGNED, "
                        + "MODIFY d1 DECIMAL(14,4), MODIFY f DOUBLE, MODIFY vc VARCHAR(500), MODIFY ch CHAR(20), "
                        + "MODIFY dtm DATETIME(6), MODIFY tm TIME(3), MODIFY e ENUM('a','b','c','d'), "
                        + "MODIFY st SET('x','y','z','w'), MODIFY bn BINARY(16), MODIFY vb VARBINARY(128), "
                        + "MODIFY tx MEDIUMTEXT, MODIFY y SMALLINT"),
                FidelityCase.of("key_composite", "CREATE TABLE %s (a INT NOT NULL, b VARCHAR(20) NOT NULL, "
                        + "v VARCHAR(20), ts TIMESTAMP(3) NULL, PRIMARY KEY (a, b))", "ADD COLUMN w INT DEFAULT 3"));
    }
}
