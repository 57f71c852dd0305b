package dev.twoway.it.support;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table of a database as MySQL sees it: its {@code SHOW CREATE TABLE} and its {@code
 * CHECKSUM TABLE} (over every row). Two fingerprints taken before and after something are equal
 * only when no table was created, dropped, renamed, altered or written.
 */
public final class TableFingerprints {
    private TableFingerprints() {
    }

    /** Table name to "definition / checksum", in name order. */
    public static Map<String, String> of(TestMySql mysql, String database) throws SQLException {
        Map<String, String> tables = new LinkedHashMap<>();
        try (Connection c = mysql.connect(); Statement s = c.createStatement()) {
            List<String> names = new ArrayList<>();
            try (ResultSet rs = s.executeQuery("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = '"
                    + database.replace("'", "''") + "' ORDER BY TABLE_NAME")) {
                while (rs.next()) {
                    names.add(rs.getString(1));
                }
            }
            for (String name : names) {
                String qualified = "`" + database.replace("`", "``") + "`.`" + name.replace("`", "``") + "`";
                tables.put(name, value(s, "SHOW CREATE TABLE " + qualified, 2).replaceAll(" AUTO_INCREMENT=\\d+", "")
                        + " / checksum " + value(s, "CHECKSUM TABLE " + qualified, 2));
            }
        }
        return tables;
    }

    private static String value(Statement s, String sql, int column) throws SQLException {
        try (ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(column);
        }
    }
}
