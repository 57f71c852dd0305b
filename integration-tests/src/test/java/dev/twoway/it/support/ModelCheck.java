package dev.twoway.it.support;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.SQLException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;
import java.util.function.UnaryOperator;

/**
 * Compares a table with a writer's model seen through a schema change: the model holds rows in
 * the old schema, {@code projection} turns one into what the table must hold.
 */
public final class ModelCheck {
    private static final DateTimeFormatter MYSQL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSS]");

    private ModelCheck() {
    }

    /** Every row that differs, as a readable line; empty when the table equals the projected model. */
    public static List<String> differences(TestMySql mysql, String db, String table, Map<Long, Map<String, String>> model,
                                           UnaryOperator<Map<String, String>> projection) throws SQLException {
        Map<Long, Map<String, String>> actual = TableModelWriter.read(mysql, db, table, "id");
        TreeSet<Long> ids = new TreeSet<>(model.keySet());
        ids.addAll(actual.keySet());
        List<String> differences = new ArrayList<>();
        for (Long id : ids) {
            Map<String, String> expected = model.containsKey(id) ? projection.apply(new LinkedHashMap<>(model.get(id))) : null;
            if (!Objects.equals(expected, actual.get(id))) {
                differences.add(id + ": expected " + expected + " but was " + actual.get(id));
            }
        }
        return differences;
    }

    public static void assertNoDifference(TestMySql mysql, String db, String table, Map<Long, Map<String, String>> model,
                                          UnaryOperator<Map<String, String>> projection, String when) throws SQLException {
        List<String> differences = differences(mysql, db, table, model, projection);
        assertEquals(0, differences.size(), differences.size() + " differing rows " + when + ", e.g. "
                + differences.subList(0, Math.min(5, differences.size())));
    }

    public static Map<String, String> without(Map<String, String> row, String column) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.remove(column);
        return copy;
    }

    public static Map<String, String> with(Map<String, String> row, String column, String value) {
        Map<String, String> copy = new LinkedHashMap<>(row);
        copy.put(column, value);
        return copy;
    }

    public static Map<String, String> renamed(Map<String, String> row, String from, String to) {
        Map<String, String> copy = new LinkedHashMap<>();
        row.forEach((k, v) -> copy.put(k.equals(from) ? to : k, v));
        return copy;
    }

    /** A MySQL DATETIME(3) as written by twoway (UTC) in epoch milliseconds. */
    public static long epochMillis(String mysqlDateTime) {
        return LocalDateTime.parse(mysqlDateTime, MYSQL_TIME).toInstant(ZoneOffset.UTC).toEpochMilli();
    }
}
