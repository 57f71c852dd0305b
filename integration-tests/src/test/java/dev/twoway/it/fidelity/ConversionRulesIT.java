package dev.twoway.it.fidelity;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import dev.twoway.core.jdbc.SessionZone;
import dev.twoway.core.projection.TypeConversion;
import dev.twoway.core.schema.ColumnType;
import dev.twoway.it.support.TestMySql;

/**
 * Every rule of {@link TypeConversion}, proven against MySQL's own ALTER TABLE: for a
 * representative of every pair of type families, each edge value of the old type is converted
 * once by {@code ALTER TABLE ... MODIFY} and once by the rule's assignment in twoway's session
 * (the copy's and the sink's: strict, the server's zone), and the two must agree: the same stored
 * bytes, or both refusing. A rule that refuses the change is not tried (it never runs). The only
 * difference allowed is twoway failing loudly where ALTER stores ENUM's error value ''.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConversionRulesIT {
    private static final String ZONE = "'Europe/Berlin'";
    private static final List<String> TYPES = List.of("tinyint", "int unsigned", "bigint", "bigint unsigned",
            "decimal(10,2)", "decimal(25,3) unsigned", "float", "double", "bit(8)", "year", "date", "time(3)", "datetime",
            "datetime(3)", "timestamp(3) NULL", "varchar(40)",
            "char(10) CHARACTER SET latin1", "text", "varbinary(40)", "binary(8)", "blob", "enum('a','b','1')",
            "set('a','b')", "json", "geometry", "point");

    private final TestMySql mysql = TestMySql.fromEnvironment();
    private String db;
    private String zone;

    @BeforeAll
    void createDatabase() throws SQLException {
        db = mysql.createDatabase("conversions");
        zone = mysql.longValue("SELECT COUNT(*) FROM mysql.time_zone_name WHERE Name = 'Europe/Berlin'") > 0 ? ZONE : "'+02:00'";
    }

    @AfterAll
    void dropDatabase() throws SQLException {
        mysql.execute("DROP DATABASE IF EXISTS `" + db + "`");
    }

    @Test
    void everyAcceptedConversionGivesWhatAlterTableGives() throws SQLException {
        List<String> violations = new ArrayList<>();
        int pairs = 0;
        int values = 0;
        int refused = 0;
        try (Connection alter = session(false); Connection copy = session(true)) {
            for (String from : TYPES) {
                for (String to : TYPES) {
                    if (from.equals(to)) {
                        continue;
                    }
                    TypeConversion.Rule rule = rule(alter, from, to);
                    if (rule.refused()) {
                        refused++;
                        continue;
                    }
                    pairs++;
                    values += check(alter, copy, from, to, rule, violations);
                }
            }
        }
        System.out.printf("conversion rules: %d pairs of types converted (%d edge values), %d pairs refused, %d "
                + "differences%n", pairs, values, refused, violations.size());
        assertTrue(violations.isEmpty(), String.join("\n", violations));
    }

    /** The rule twoway would choose, from the two columns as the server describes them. */
    private TypeConversion.Rule rule(Connection c, String from, String to) throws SQLException {
        execute(c, "DROP TABLE IF EXISTS `" + db + "`.`types`",
                "CREATE TABLE `" + db + "`.`types` (a " + from + ", b " + to + ")");
        Map<String, ColumnType> types = ColumnType.of(c, db, "types");
        return TypeConversion.forward(types.get("a"), types.get("b"));
    }

    /** Each edge value of {@code from}, converted both ways; returns how many were compared. */
    private int check(Connection alter, Connection copy, String from, String to, TypeConversion.Rule rule,
                      List<String> violations) throws SQLException {
        execute(alter, "DROP TABLE IF EXISTS `" + db + "`.`src`", "CREATE TABLE `" + db + "`.`src` (id INT PRIMARY KEY, a " + from + ")");
        List<ColumnInfo> columns = ColumnInfo.of(alter, db, "src");
        List<String> literals = EdgeValues.of(columns.get(1)).stream().filter(v -> !v.equals("DEFAULT")).distinct().toList();
        int id = 0;
        List<Integer> stored = new ArrayList<>();
        for (String literal : literals) {
            id++;
            try (Statement s = alter.createStatement()) {
                s.execute("INSERT INTO `" + db + "`.`src` VALUES (" + id + ", " + literal + ")");
                stored.add(id);
            }
            catch (SQLException notThisType) {
                // an edge value of another width (e.g. a POINT literal for a GEOMETRY of an SRID): not a case
            }
        }
        Map<Integer, String> allByAlter = viaAlter(alter, from, to, null);
        Map<Integer, String> allByRule = viaRule(alter, copy, to, rule, null);
        for (int row : stored) {
            boolean batched = allByAlter != null && allByRule != null;
            String viaAlter = batched ? allByAlter.get(row) : viaAlter(alter, from, to, row).get(row);
            String viaRule = batched ? allByRule.get(row) : viaRule(alter, copy, to, rule, row).get(row);
            if (!agree(viaAlter, viaRule, to)) {
                violations.add(from + " -> " + to + " [" + rule.expression() + "], value " + original(alter, row)
                        + ": ALTER TABLE gives " + viaAlter + ", twoway " + viaRule);
            }
        }
        return stored.size();
    }

    /**
     * Row {@code row} (all rows when null) converted by ALTER TABLE: the values by id; for one row that
     * fails, its error; null when all rows were tried and one failed (then each is tried alone).
     */
    private Map<Integer, String> viaAlter(Connection c, String from, String to, Integer row) throws SQLException {
        execute(c, "DROP TABLE IF EXISTS `" + db + "`.`by_alter`", "CREATE TABLE `" + db + "`.`by_alter` (id INT PRIMARY KEY, a " + from + ")");
        execute(c, "INSERT INTO `" + db + "`.`by_alter` SELECT * FROM `" + db + "`.`src`" + where(row));
        try {
            execute(c, "ALTER TABLE `" + db + "`.`by_alter` MODIFY a " + to);
        }
        catch (SQLException e) {
            return row == null ? null : Map.of(row, "error (" + e.getMessage() + ")");
        }
        return values(c, "by_alter");
    }

    private Map<Integer, String> viaRule(Connection alter, Connection copy, String to, TypeConversion.Rule rule,
                                         Integer row) throws SQLException {
        execute(alter, "DROP TABLE IF EXISTS `" + db + "`.`by_rule`", "CREATE TABLE `" + db + "`.`by_rule` (id INT PRIMARY KEY, a " + to + ")");
        try {
            execute(copy, "INSERT INTO `" + db + "`.`by_rule` (id, a) SELECT id, " + rule.apply("`a`") + " FROM `" + db
                    + "`.`src`" + where(row));
        }
        catch (SQLException e) {
            return row == null ? null : Map.of(row, "error (" + e.getMessage() + ")");
        }
        return values(alter, "by_rule");
    }

    private static String where(Integer row) {
        return row == null ? "" : " WHERE id = " + row;
    }

    /** The same bytes or both refusing; ENUM's error value '' from ALTER may be a refusal of twoway's. */
    private static boolean agree(String viaAlter, String viaRule, String to) {
        if (viaAlter.startsWith("error") || viaRule.startsWith("error")) {
            return viaAlter.startsWith("error") && viaRule.startsWith("error")
                    || viaRule.startsWith("error") && (to.startsWith("enum") || to.startsWith("set")) && viaAlter.equals("''");
        }
        return viaAlter.equals(viaRule);
    }

    private Map<Integer, String> values(Connection c, String table) throws SQLException {
        Map<Integer, String> values = new java.util.HashMap<>();
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT id, HEX(CAST(a AS BINARY)), a IS NULL FROM `" + db + "`.`" + table + "`")) {
            while (rs.next()) {
                String hex = rs.getString(2);
                values.put(rs.getInt(1), rs.getBoolean(3) ? "NULL" : hex.isEmpty() ? "''" : "0x" + hex);
            }
        }
        return values;
    }

    private String original(Connection c, int row) throws SQLException {
        try (Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT CAST(a AS CHAR) FROM `" + db + "`.`src` WHERE id = " + row)) {
            rs.next();
            return rs.getString(1);
        }
    }

    /** A session like a user's ALTER (server defaults), or like twoway's copy and sink ({@link SessionZone}). */
    private Connection session(boolean twoway) throws SQLException {
        Connection c = mysql.connect();
        execute(c, "SET SESSION time_zone = " + zone);
        if (twoway) {
            execute(c, SessionZone.SQL_MODE);
        }
        return c;
    }

    private static void execute(Connection c, String... statements) throws SQLException {
        try (Statement s = c.createStatement()) {
            for (String sql : statements) {
                s.execute(sql);
            }
        }
    }
}
