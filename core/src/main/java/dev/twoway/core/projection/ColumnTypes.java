package dev.twoway.core.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.twoway.core.schema.ColumnType;

/**
 * The types of the columns a migration maps, on both sides, and how each value is converted
 * when the statement changes its type ({@link TypeConversion}). Built once, when the shadow is
 * created; the copy selects {@link Column#forward} of each old column, and the sink, for a
 * migration where some type changes, stages its rows in a table of the source's types so that
 * MySQL converts them by the same assignment.
 *
 * <p>{@code serverZone}: whether the migration's values depend on the session's time zone
 * ({@link ZoneDependence}), so that the copy, the sink's conversions and the checksum run in the
 * server's zone, as MySQL's own ALTER TABLE converts; otherwise they run in UTC, where every
 * TIMESTAMP is its instant (in a zone with daylight saving time, the hour the clocks go back reads
 * as one local time for two instants, and an assignment or a key range in that zone confuses them).
 */
public record ColumnTypes(List<Column> columns, boolean serverZone) {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Types recorded before twoway told the zones apart: the server's zone, as then. */
    public ColumnTypes(List<Column> columns) {
        this(columns, true);
    }

    /** The same types, in the server's zone or in UTC. */
    public ColumnTypes inServerZone(boolean server) {
        return new ColumnTypes(columns, server);
    }

    /** The stored form: the columns and the zone. */
    record Stored(List<Column> columns, boolean serverZone) {
    }

    /**
     * One mapped column: its names, its type definitions (as a column definition reads them) and
     * the conversion expressions ({@code %s} is the source column), forward and inverse.
     */
    public record Column(String oldName, String newName, String oldType, String newType, String forward,
                         String inverse, String comparable) {
        public boolean converted() {
            return !oldType.equals(newType);
        }

        /** A value made comparable as the new column compares it ({@code %s} when its type needs nothing). */
        public String comparable() {
            return comparable == null ? "%s" : comparable;
        }
    }

    /** What {@link #of} found: the types, and the changes of type twoway refuses to convert. */
    public record Result(ColumnTypes types, List<String> refusals) {
    }

    public static Result of(ColumnMap map, Map<String, ColumnType> oldTypes, Map<String, ColumnType> newTypes) {
        List<Column> columns = new ArrayList<>();
        List<String> refusals = new ArrayList<>();
        for (ColumnPair pair : map.pairs()) {
            ColumnType from = oldTypes.get(pair.oldName());
            ColumnType to = newTypes.get(pair.newName());
            if (from == null || to == null) {
                throw new IllegalArgumentException("no type known for mapped column " + pair);
            }
            TypeConversion.Rule forward = TypeConversion.forward(from, to);
            if (forward.refused()) {
                refusals.add("column " + pair.oldName() + ": " + forward.refusal());
                continue;
            }
            columns.add(new Column(pair.oldName(), pair.newName(), from.definition(), to.definition(),
                    forward.expression(), TypeConversion.inverse(to, from).expression(), TypeConversion.comparable(to)));
        }
        return new Result(new ColumnTypes(List.copyOf(columns)), List.copyOf(refusals));
    }

    /** Whether some mapped column changes its type (then the sink stages rows to convert them). */
    public boolean anyConverted() {
        return columns.stream().anyMatch(Column::converted);
    }

    public Optional<Column> forOld(String oldName) {
        return columns.stream().filter(c -> c.oldName().equalsIgnoreCase(oldName)).findFirst();
    }

    public Optional<Column> forNew(String newName) {
        return columns.stream().filter(c -> c.newName().equalsIgnoreCase(newName)).findFirst();
    }

    public String toJson() {
        try {
            return JSON.writeValueAsString(new Stored(columns, serverZone));
        }
        catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write column types", e);
        }
    }

    /**
     * Null or empty (a migration created before twoway recorded types): no conversion known. A
     * bare list of columns (recorded before the zone was): the server's zone.
     */
    public static ColumnTypes fromJson(String json) {
        if (json == null || json.isBlank()) {
            return new ColumnTypes(List.of());
        }
        try {
            if (json.stripLeading().startsWith("[")) {
                return new ColumnTypes(List.copyOf(JSON.readValue(json, new TypeReference<List<Column>>() {
                })));
            }
            Stored stored = JSON.readValue(json, Stored.class);
            return new ColumnTypes(List.copyOf(stored.columns()), stored.serverZone());
        }
        catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not twoway column types: " + json, e);
        }
    }
}
