package dev.twoway.coordinator.copy;

import java.math.BigInteger;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Key values of one row as the copy remembers them ({@code copy_last_key}): a JSON array with
 * numbers as numbers, binary values as {@code {"base64": …}} and everything else as MySQL's
 * text, which MySQL converts back for the comparison exactly.
 */
public final class KeyValues {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private KeyValues() {
    }

    /** The first {@code count} columns of the current row. */
    public static List<Object> read(ResultSet rs, int count) throws SQLException {
        List<Object> values = new ArrayList<>(count);
        for (int i = 1; i <= count; i++) {
            Object value = rs.getObject(i);
            values.add(value instanceof Number || value instanceof byte[] || value == null ? value : rs.getString(i));
        }
        return values;
    }

    public static String toJson(List<Object> values) {
        List<Object> json = new ArrayList<>(values.size());
        for (Object value : values) {
            json.add(value instanceof byte[] bytes ? Map.of("base64", Base64.getEncoder().encodeToString(bytes)) : value);
        }
        try {
            return JSON.writeValueAsString(json);
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write key values " + values, e);
        }
    }

    /** The values of {@link #toJson}; null for null or blank text (nothing copied yet). */
    public static List<Object> fromJson(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            List<Object> values = new ArrayList<>();
            for (JsonNode node : JSON.readTree(json)) {
                values.add(value(node));
            }
            return values;
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("copy_last_key is not a JSON array of key values: " + json, e);
        }
    }

    private static Object value(JsonNode node) {
        if (node.isNull()) {
            return null;
        }
        if (node.isObject() && node.has("base64")) {
            return Base64.getDecoder().decode(node.get("base64").asText());
        }
        if (node.isIntegralNumber()) {
            BigInteger big = node.bigIntegerValue();
            return big.bitLength() < 64 ? (Object) big.longValue() : big;
        }
        if (node.isNumber()) {
            return node.decimalValue();
        }
        return node.asText();
    }
}
