package dev.twoway.core.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/** The columns of a table that MySQL refreshes on every update ({@code ON UPDATE CURRENT_TIMESTAMP}). Only reads. */
public final class OnUpdateColumns {
    public List<String> of(Connection c, String schema, String table) throws SQLException {
        String sql = "SELECT COLUMN_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? "
                + "AND UPPER(EXTRA) LIKE '%ON UPDATE%' ORDER BY ORDINAL_POSITION";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            List<String> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(rs.getString(1));
                }
            }
            return columns;
        }
    }
}
