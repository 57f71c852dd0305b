package dev.twoway.it.fidelity;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * SQL literals a writer puts into a column of a given type: its boundaries, NULL, the default,
 * zero and the awkward values of each type (trailing spaces, NUL bytes, emoji, negative TIME,
 * fractional seconds at the precision's limit, daylight-saving gaps and folds, JSON numbers in
 * several spellings, geometries with and without an SRID). Every literal is valid for the
 * column as MySQL declares it, so a write that fails is the table's doing (a CHECK, a unique key).
 */
final class EdgeValues {
    /** In a case's domain: a value no row has had yet, for a column under a unique key (see {@link KeyMaker#unique}). */
    static final String UNIQUE = "<unique>";
    private static final Pattern MEMBER = Pattern.compile("'((?:[^']|'')*)'");

    private EdgeValues() {
    }

    /** Literals for {@code column}; NULL and DEFAULT are among them where the column allows them. */
    static List<String> of(ColumnInfo column) {
        List<String> values = new ArrayList<>(typed(column));
        if (column.nullable()) {
            values.add("NULL");
            values.add("NULL");
        }
        values.add("DEFAULT");
        return values;
    }

    private static List<String> typed(ColumnInfo c) {
        return switch (c.dataType()) {
            case "tinyint" -> integers(8, c.unsigned());
            case "smallint" -> integers(16, c.unsigned());
            case "mediumint" -> integers(24, c.unsigned());
            case "int" -> integers(32, c.unsigned());
            case "bigint" -> integers(64, c.unsigned());
            case "decimal" -> decimals(c);
            case "float" -> List.of("0", "-0.0", "1.1", "3.4028e38", "-1.17549e-38", "123456.7", "-2.5");
            case "double" -> List.of("0", "-0.0", "0.1", "1.7976931348623157e308", "2.2250738585072014e-308",
                    "-1e-300", "123456789.123456789");
            case "bit" -> bits(c);
            case "year" -> List.of("1901", "2155", "0", "2000", "70");
            case "date" -> List.of("'1000-01-01'", "'9999-12-31'", "'2024-02-29'", "'1970-01-01'", "'2021-03-28'");
            case "time" -> times(c);
            case "datetime" -> datetimes(c);
            case "timestamp" -> timestamps(c);
            case "char", "varchar" -> strings(c);
            case "tinytext", "text", "mediumtext", "longtext" -> texts(c);
            case "binary" -> List.of("x'00'", "x'FF'", "x'" + "ab".repeat((int) c.maxLength()) + "'", "x''");
            case "varbinary" -> List.of("x''", "x'00'", "x'00FF00'", "x'" + "7f".repeat((int) Math.min(c.maxLength(), 40)) + "'");
            case "tinyblob", "blob", "mediumblob", "longblob" -> List.of("x''", "x'00'", "x'DEADBEEF00'",
                    "REPEAT(x'0102', 300)");
            case "enum" -> enums(c);
            case "set" -> sets(c);
            case "json" -> List.of("'null'", "'1'", "'1.0'", "'-0'", "'\"str\"'", "'[]'", "'{}'",
                    "'{\"a\": [1, 2, {\"b\": null}], \"u\": \"\\\\u00e9😀\"}'", "'1e300'", "'18446744073709551615'",
                    "'\"2020-01-01\"'", "'[true, false]'");
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                 "geomcollection", "geometrycollection" -> geometries(c);
            default -> throw new IllegalArgumentException("no edge values for type " + c.columnType());
        };
    }

    private static List<String> integers(int bits, boolean unsigned) {
        BigInteger one = BigInteger.ONE;
        if (unsigned) {
            return List.of("0", "1", one.shiftLeft(bits).subtract(one).toString(), "42");
        }
        String min = one.shiftLeft(bits - 1).negate().toString();
        String max = one.shiftLeft(bits - 1).subtract(one).toString();
        return List.of(min, max, "0", "-1", "1", "42");
    }

    private static List<String> decimals(ColumnInfo c) {
        int whole = c.precision() - c.scale();
        String nines = whole == 0 ? "0" : "9".repeat(whole);
        String fraction = c.scale() == 0 ? "" : "." + "9".repeat(c.scale());
        String small = c.scale() == 0 ? "1" : "0." + "0".repeat(c.scale() - 1) + "1";
        List<String> values = new ArrayList<>(List.of(nines + fraction, "0", small, "1"));
        if (!c.unsigned()) {
            values.add("-" + nines + fraction);
            values.add("-" + small);
        }
        return values;
    }

    private static List<String> bits(ColumnInfo c) {
        int width = c.precision();
        return List.of("b'0'", "b'1'", "b'" + "1".repeat(width) + "'", "b'" + "10".repeat(width / 2) + "'");
    }

    private static String fraction(int digits, char digit) {
        return digits == 0 ? "" : "." + String.valueOf(digit).repeat(digits);
    }

    private static List<String> times(ColumnInfo c) {
        String f = fraction(c.fraction(), '9');
        return List.of("'-838:59:59'", "'838:59:59'", "'00:00:00'", "'12:34:56" + f + "'", "'-00:00:01'",
                "'23:59:59" + fraction(c.fraction(), '5') + "'");
    }

    private static List<String> datetimes(ColumnInfo c) {
        String f = fraction(c.fraction(), '9');
        return List.of("'1000-01-01 00:00:00'", "'9999-12-31 23:59:59" + f + "'", "'2021-03-28 02:30:00'",
                "'2021-10-31 02:30:00" + fraction(c.fraction(), '1') + "'", "'2024-02-29 12:00:00'", "'1970-01-01 00:00:00'");
    }

    /** Boundaries with an explicit offset: without one a literal is read in the writer's session zone. */
    private static List<String> timestamps(ColumnInfo c) {
        String f = fraction(c.fraction(), '9');
        return List.of("'1970-01-01 00:00:01+00:00'", "'2038-01-19 03:14:07" + f + "+00:00'",
                "'2021-10-31 00:30:00+00:00'", "'2021-10-31 01:30:00" + fraction(c.fraction(), '2') + "+00:00'",
                "'2021-03-28 01:30:00+00:00'", "'2020-06-01 12:00:00'");
    }

    private static List<String> strings(ColumnInfo c) {
        int max = (int) c.maxLength();
        boolean wide = "utf8mb4".equals(c.charset());
        boolean binary = "binary".equals(c.charset());
        // The quote and the backslash fit any length from 3: a literal the column refuses tests nothing.
        String quoted = max >= 24 ? "'quote '' and \\\\ backslash'" : "'q''\\\\'";
        List<String> values = new ArrayList<>(List.of("''", "'a'", "'A'", "'tail  '", quoted));
        values.add("'" + "z".repeat(max) + "'");
        if (wide) {
            values.add("'é😀'");
            values.add("'" + "😀".repeat(Math.min(max, 3)) + "'");
        }
        else if (!binary) {
            values.add("'café'");
        }
        values.add("CONCAT('nul', CHAR(0), 'x')");
        return values;
    }

    private static List<String> texts(ColumnInfo c) {
        boolean wide = "utf8mb4".equals(c.charset());
        List<String> values = new ArrayList<>(List.of("''", "'short'", "'tail  '", "REPEAT('long text ', 40)"));
        if (wide) {
            values.add("'ünïcödé 😀'");
        }
        return values;
    }

    private static List<String> members(ColumnInfo c) {
        List<String> members = new ArrayList<>();
        Matcher m = MEMBER.matcher(c.columnType().substring(c.columnType().indexOf('(')));
        while (m.find()) {
            members.add("'" + m.group(1) + "'");
        }
        return members;
    }

    private static List<String> enums(ColumnInfo c) {
        return members(c);
    }

    private static List<String> sets(ColumnInfo c) {
        List<String> members = members(c);
        List<String> values = new ArrayList<>(members);
        values.add("''");
        values.add("'" + String.join(",", members.stream().map(m -> m.substring(1, m.length() - 1)).toList()) + "'");
        return values;
    }

    /** Shapes the column's type holds, in its SRID; a GEOMETRY of no SRID also gets other SRIDs and a collection. */
    private static List<String> geometries(ColumnInfo c) {
        String srid = c.srid() == null ? "0" : c.srid().toString();
        boolean geographic = "4326".equals(srid);
        String point = geographic ? "POINT(45.5 -73.25)" : "POINT(-1.5 2.25)";
        List<String> shapes = switch (c.dataType()) {
            case "point" -> List.of(point, "POINT(0 0)");
            case "linestring" -> List.of("LINESTRING(0 0, 1 1, 2 5)");
            case "polygon" -> List.of("POLYGON((0 0, 4 0, 4 4, 0 4, 0 0))", "POLYGON((0 0, 9 0, 9 9, 0 9, 0 0), (1 1, 2 1, 2 2, 1 2, 1 1))");
            case "multipoint" -> List.of("MULTIPOINT((1 1), (2 3))", "MULTIPOINT((0 0))");
            case "multilinestring" -> List.of("MULTILINESTRING((0 0, 1 1), (2 2, 3 5))");
            case "multipolygon" -> List.of("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((5 5, 6 5, 6 6, 5 5)))");
            case "geomcollection", "geometrycollection" -> List.of("GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))",
                    "GEOMETRYCOLLECTION()");
            default -> List.of(point, "LINESTRING(0 0, 1 1, 2 5)", "POLYGON((0 0, 4 0, 4 4, 0 4, 0 0))");
        };
        List<String> values = new ArrayList<>(shapes.stream().map(w -> "ST_GeomFromText('" + w + "', " + srid + ")").toList());
        if (c.srid() == null && "geometry".equals(c.dataType())) {
            values.add("ST_GeomFromText('POINT(1 2)', 4326)");
            values.add("ST_GeomFromText('GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))')");
        }
        return values;
    }
}
