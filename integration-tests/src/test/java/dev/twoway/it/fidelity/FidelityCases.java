package dev.twoway.it.fidelity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The rows of the fidelity matrix: the types ({@link TypeCases}), the clauses ({@link ClauseCases})
 * and the keys ({@link KeyCases}). Each case fails on its own, so one conversion that goes wrong
 * hides no other.
 */
final class FidelityCases {
    /** Names the cases to run, comma-separated (all when unset): {@code -Dfidelity.cases=all_force,widen_binary}. */
    static final String SELECTION = "fidelity.cases";

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
        List<FidelityCase> all = new ArrayList<>();
        all.addAll(TypeCases.all());
        all.addAll(ClauseCases.all());
        all.addAll(KeyCases.all());
        return List.copyOf(all);
    }

    /** The cases {@link #SELECTION} names, in the matrix's order; a name that is no case fails at once. */
    static List<FidelityCase> selected() {
        String selection = System.getProperty(SELECTION, "").trim();
        List<FidelityCase> all = all();
        if (selection.isEmpty()) {
            return all;
        }
        Set<String> wanted = Arrays.stream(selection.split(",")).map(String::trim).filter(n -> !n.isEmpty())
                .collect(Collectors.toSet());
        Map<String, FidelityCase> byName = all.stream().collect(Collectors.toMap(FidelityCase::name, Function.identity()));
        List<String> unknown = wanted.stream().filter(n -> !byName.containsKey(n)).sorted().toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException(SELECTION + " names no case " + unknown + "; the cases are "
                    + all.stream().map(FidelityCase::name).toList());
        }
        return all.stream().filter(c -> wanted.contains(c.name())).toList();
    }
}
