package dev.twoway.it.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Every table of a database, each by its definition ({@code SHOW CREATE TABLE}) and the checksum of
 * its rows ({@code CHECKSUM TABLE}): two snapshots are equal when no table was created, dropped,
 * renamed, altered or written.
 */
public final class DatabaseSnapshot {
    private DatabaseSnapshot() {
    }

    /** Table name to its definition and row checksum. */
    public static Map<String, String> of(TestMySql mysql, String db) throws SQLException {
        Map<String, String> tables = new TreeMap<>();
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + db + "'")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                String qualified = "`" + db + "`.`" + name.replace("`", "``") + "`";
                tables.put(name, single(s, "SHOW CREATE TABLE " + qualified, 2) + "\nchecksum "
                        + single(s, "CHECKSUM TABLE " + qualified + " EXTENDED", 2));
            }
        }
        return tables;
    }

    private static String single(Statement s, String sql, int column) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(column);
        }
    }
}
