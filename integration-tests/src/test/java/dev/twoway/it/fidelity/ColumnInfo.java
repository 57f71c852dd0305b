package dev.twoway.it.fidelity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** One column as information_schema describes it: what the writer needs to make values for it. */
record ColumnInfo(String name, String dataType, String columnType, boolean nullable, String charset,
                  long maxLength, int precision, int scale, int fraction, String extra, Long srid, String collation) {
    private static final Set<String> TEXTUAL = Set.of("char", "varchar", "tinytext", "text", "mediumtext", "longtext",
            "enum", "set");
    private static final Set<String> TEMPORAL = Set.of("time", "datetime", "timestamp");

    boolean generated() {
        return extra.contains("GENERATED") && !extra.contains("DEFAULT_GENERATED");
    }

    boolean autoIncrement() {
        return extra.contains("AUTO_INCREMENT");
    }

    boolean unsigned() {
        return columnType.contains("unsigned");
    }

    /** The same column under another name. */
    ColumnInfo named(String other) {
        return new ColumnInfo(other, dataType, columnType, nullable, charset, maxLength, precision, scale, fraction, extra,
                srid, collation);
    }

    /**
     * The column's kind for counting the matrix: the type with what changes how values are kept
     * (signedness, collation, fractional digits, SRID) and how they are made (generated, invisible,
     * an expression default, ON UPDATE); not lengths.
     */
    String kind() {
        StringBuilder kind = new StringBuilder(dataType);
        if (unsigned()) {
            kind.append(" unsigned");
        }
        if (TEXTUAL.contains(dataType)) {
            kind.append(' ').append(collation);
        }
        if (TEMPORAL.contains(dataType)) {
            kind.append('(').append(fraction).append(')');
        }
        if (srid != null) {
            kind.append(" srid ").append(srid);
        }
        for (String attribute : List.of("VIRTUAL", "STORED", "INVISIBLE", "DEFAULT_GENERATED", "ON UPDATE")) {
            if (extra.contains(attribute)) {
                kind.append(' ').append(attribute.toLowerCase(Locale.ROOT));
            }
        }
        return kind.toString();
    }

    /** The columns of {@code schema.table} in ordinal order, invisible ones included. */
    static List<ColumnInfo> of(Connection c, String schema, String table) throws SQLException {
        String sql = "SELECT COLUMN_NAME, DATA_TYPE, COLUMN_TYPE, IS_NULLABLE, CHARACTER_SET_NAME, "
                + "CHARACTER_MAXIMUM_LENGTH, NUMERIC_PRECISION, NUMERIC_SCALE, DATETIME_PRECISION, EXTRA, SRS_ID, "
                + "COLLATION_NAME "
                + "FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = ? AND TABLE_NAME = ? ORDER BY ORDINAL_POSITION";
        try (PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, schema);
            s.setString(2, table);
            List<ColumnInfo> columns = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    columns.add(new ColumnInfo(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT),
                            rs.getString(3).toLowerCase(Locale.ROOT), "YES".equals(rs.getString(4)), rs.getString(5),
                            rs.getLong(6), rs.getInt(7), rs.getInt(8), rs.getInt(9),
                            rs.getString(10) == null ? "" : rs.getString(10).toUpperCase(Locale.ROOT),
                            rs.getObject(11) == null ? null : rs.getLong(11), rs.getString(12)));
                }
            }
            return columns;
        }
    }
}
