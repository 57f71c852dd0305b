package dev.twoway.core.projection;

import java.util.Optional;

import dev.twoway.core.schema.ColumnType;

/**
 * How twoway converts a value when a statement changes a column's type, so that the copy and the
 * stream give what MySQL's own ALTER TABLE gives. Both convert inside the server by assignment
 * ({@code INSERT ... SELECT} from a column of the old type: the copy reads the table, the sink a
 * staging table of the old types), which for most pairs of types is exactly what ALTER TABLE does;
 * where it is not, an expression makes it so, or the change is refused before anything is
 * created. Each rule here is proven against ALTER TABLE on the real server, value by value, by
 * {@code ConversionRulesIT}. Decides only.
 *
 * <p>The differences found: ALTER TABLE goes by way of a value's text or of an integer where an
 * assignment converts the binary value ({@link #expression}); it refuses a JSON string where a
 * number, a date or a time is expected, and a string that is not an integer where a BIT is,
 * where an assignment converts both; and a TIME becomes a DATETIME on the day the ALTER runs,
 * which a copy and a stream that run for hours cannot reproduce. Those are refused.
 */
public final class TypeConversion {
    /** Types that convert alike. */
    public enum Family {
        INTEGER, DECIMAL, FLOAT, DOUBLE, BIT, YEAR, DATE, TIME, DATETIME, TIMESTAMP, TEXT, BINARY, ENUM, SET, JSON, SPATIAL
    }

    /**
     * A conversion: the SQL expression that turns the old column's value into the new one
     * ({@code %s} stands for the old column), or the reason twoway cannot convert like ALTER TABLE.
     */
    public record Rule(String expression, String refusal) {
        static final String PLAIN = "%s";

        public boolean refused() {
            return refusal != null;
        }

        /** The expression applied to {@code column} (already quoted and qualified as needed). */
        public String apply(String column) {
            return String.format(expression, column);
        }

        static Rule plain() {
            return new Rule(PLAIN, null);
        }

        static Rule expression(String expression) {
            return new Rule(expression, null);
        }

        static Rule refuse(String reason) {
            return new Rule(null, reason);
        }
    }

    private TypeConversion() {
    }

    public static Family family(ColumnType type) {
        return switch (type.dataType()) {
            case "tinyint", "smallint", "mediumint", "int", "integer", "bigint" -> Family.INTEGER;
            case "decimal", "numeric" -> Family.DECIMAL;
            case "float" -> Family.FLOAT;
            case "double", "real" -> Family.DOUBLE;
            case "bit" -> Family.BIT;
            case "year" -> Family.YEAR;
            case "date" -> Family.DATE;
            case "time" -> Family.TIME;
            case "datetime" -> Family.DATETIME;
            case "timestamp" -> Family.TIMESTAMP;
            case "char", "varchar", "tinytext", "text", "mediumtext", "longtext" ->
                    "binary".equals(type.charset()) ? Family.BINARY : Family.TEXT;
            case "binary", "varbinary", "tinyblob", "blob", "mediumblob", "longblob" -> Family.BINARY;
            case "enum" -> Family.ENUM;
            case "set" -> Family.SET;
            case "json" -> Family.JSON;
            case "geometry", "point", "linestring", "polygon", "multipoint", "multilinestring", "multipolygon",
                 "geometrycollection", "geomcollection" -> Family.SPATIAL;
            default -> throw new IllegalArgumentException("unknown MySQL type " + type.columnType());
        };
    }

    /** The forward conversion from {@code from} to {@code to} (the statement's direction). */
    public static Rule forward(ColumnType from, ColumnType to) {
        if (from.sameAs(to)) {
            return Rule.plain();
        }
        Family source = family(from);
        Family target = family(to);
        return refusal(source, target, from, to).map(Rule::refuse).orElseGet(() -> expression(source, target));
    }

    /**
     * The expression that makes a value (an already converted one: {@code %s}) compare as a column
     * of type {@code to} compares: text in the column's character set and collation, so that two
     * values are equal exactly when a unique key of that column would take them for one.
     */
    public static String comparable(ColumnType to) {
        if (to.charset() == null || "binary".equals(to.charset()) || family(to) == Family.JSON) {
            return Rule.PLAIN;
        }
        return "CONVERT(%s USING " + to.charset() + ") COLLATE " + to.collation();
    }

    /**
     * The inverse conversion, from the new type back to the old one (the revert's direction):
     * always MySQL's plain assignment. There is no ALTER TABLE to equal there; the oracle of a
     * revert is the new rows assigned to the old columns, and a value the old type cannot hold
     * fails (strict mode) and makes the migration non-revertible.
     */
    public static Rule inverse(ColumnType from, ColumnType to) {
        return Rule.plain();
    }

    private static Optional<String> refusal(Family source, Family target, ColumnType from, ColumnType to) {
        String change = "changing a column from " + from.columnType() + " to " + to.columnType();
        if (source == Family.JSON && target != Family.JSON && target != Family.TEXT && target != Family.BINARY) {
            return Optional.of(change + ": MySQL's ALTER TABLE refuses a JSON string value there (e.g. '\"2\"') where "
                    + "an assignment converts it, so twoway cannot give the same result row by row; convert through a "
                    + "text column, or in two statements");
        }
        if (source == Family.TIME && target == Family.YEAR) {
            return Optional.of(change + ": MySQL's ALTER TABLE makes YEAR 0000 of a TIME of 00:00:00 that no assignment "
                    + "reads as a year, so twoway cannot give the same result");
        }
        if (source == Family.TIME && (target == Family.DATETIME || target == Family.TIMESTAMP || target == Family.DATE)) {
            return Optional.of(change + ": MySQL's ALTER TABLE puts the day it runs on every value, which a copy and a "
                    + "stream running over hours, and a revert days later, cannot reproduce");
        }
        if ((source == Family.TEXT || source == Family.BINARY) && target == Family.BIT) {
            return Optional.of(change + ": MySQL's ALTER TABLE reads the text as an integer and refuses any other, where "
                    + "an assignment stores its bytes, so twoway cannot give the same result");
        }
        if ((source == Family.SPATIAL) != (target == Family.SPATIAL)) {
            return Optional.of(change + ": twoway converts spatial values only to other spatial types");
        }
        return Optional.empty();
    }

    /**
     * ALTER TABLE copies a value from one type to another by way of its text when either side is a
     * string, an ENUM, a SET or JSON, or exactly one side is a date or time (a number becomes a date
     * as its digits would), and by way of an integer when a fraction becomes an integer, a YEAR or
     * a BIT. An assignment converts the binary value directly instead (a FLOAT becomes text as a
     * double, a DECIMAL of -0.01 is out of range for an unsigned column, 127 is the 27th of January
     * 2000): the expressions below take ALTER's way. Every other pair converts alike.
     */
    private static Rule expression(Family source, Family target) {
        boolean numeric = source == Family.INTEGER || source == Family.DECIMAL || source == Family.FLOAT
                || source == Family.DOUBLE || source == Family.YEAR;
        boolean temporal = source == Family.DATE || source == Family.TIME || source == Family.DATETIME
                || source == Family.TIMESTAMP;
        boolean toText = target == Family.TEXT || target == Family.BINARY || target == Family.ENUM
                || target == Family.SET || target == Family.JSON;
        boolean toTemporal = target == Family.DATE || target == Family.TIME || target == Family.DATETIME
                || target == Family.TIMESTAMP;
        if ((numeric || temporal) && toText || numeric && toTemporal || temporal && target == Family.YEAR) {
            return Rule.expression("CAST(%s AS CHAR)");
        }
        boolean fraction = source == Family.DECIMAL || source == Family.FLOAT || source == Family.DOUBLE;
        if (fraction && (target == Family.INTEGER || target == Family.YEAR || target == Family.BIT)) {
            return Rule.expression("CAST(%s AS SIGNED)");
        }
        return Rule.plain();
    }
}
