package dev.twoway.core.schema;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A column's type as information_schema states it, enough to declare a column of exactly that
 * type elsewhere (a staging table of the sink): the full column type, its character set and
 * collation, the SRID of a spatial column.
 *
 * @param dataType  {@code DATA_TYPE}, lower case ({@code int}, {@code varchar}, {@code point})
 * @param columnType {@code COLUMN_TYPE} as MySQL gives it ({@code int unsigned}, {@code enum('a','B')})
 * @param charset   {@code CHARACTER_SET_NAME}, null for non-text types
 * @param collation {@code COLLATION_NAME}, null for non-text types
 * @param srid      {@code SRS_ID}, null unless a spatial column declares one
 */
public record ColumnType(String dataType, String columnType, String charset, String collation, Long srid) {

    /** The type as a column definition reads it, e.g. {@code varchar(50) CHARACTER SET latin1 COLLATE latin1_bin}. */
    public String definition() {
        StringBuilder out = new StringBuilder(columnType);
        if (charset != null && !"binary".equals(charset)) {
            out.append(" CHARACTER SET ").append(charset).append(" COLLATE ").append(collation);
        }
        if (srid != null) {
            out.append(" SRID ").append(srid);
        }
        return out.toString();
    }

    /** Whether a value of this type is stored exactly as one of {@code other} (same type, charset, collation, SRID). */
    public boolean sameAs(ColumnType other) {
        return definition().equals(other.definition());
    }

    /** The non-generated columns of {@code schema.table}, by name (case-insensitive), in ordinal order. */
    public static Map<String, ColumnType> of(Connection c, String schema, String table) throws SQLException {
        String sql = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, CHARACTER_SET_NAME, COLLATION_NAME, SRS_ID, EXTRA "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        Map<String, ColumnType> ordered = new LinkedHashMap<>();
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    // COLUMN_TYPE as MySQL gives it (keywords already lower case): an ENUM's or SET's
                    // members keep their case, which a case-sensitive collation tells apart.
                    ordered.put(rs.getString(1), new ColumnType(rs.getString(2).toLowerCase(Locale.ROOT),
                            rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getObject(6) == null ? null : rs.getLong(6)));
                }
            }
        }
        Map<String, ColumnType> byName = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        byName.putAll(ordered);
        return byName;
    }
}
