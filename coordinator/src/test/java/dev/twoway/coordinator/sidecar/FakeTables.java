package dev.twoway.coordinator.sidecar;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The migrated database's tables in memory: names, each a real table or a sentry, and every change made. */
public final class FakeTables implements Tables {
    private final Map<String, Boolean> tables = new LinkedHashMap<>();
    public final List<String> changes = new ArrayList<>();

    public FakeTables with(String schema, String table) {
        tables.put(schema + "." + table, false);
        return this;
    }

    public FakeTables withSentry(String schema, String table) {
        tables.put(schema + "." + table, true);
        return this;
    }

    @Override
    public boolean exists(String schema, String table) {
        return tables.containsKey(schema + "." + table);
    }

    @Override
    public boolean isSentry(String schema, String table) {
        return Boolean.TRUE.equals(tables.get(schema + "." + table));
    }

    @Override
    public void drop(String schema, String table) {
        if (tables.remove(schema + "." + table) != null) {
            changes.add("drop " + table);
        }
    }

    @Override
    public void rename(String schema, String from, String to) {
        Boolean sentry = tables.remove(schema + "." + from);
        if (sentry == null || tables.containsKey(schema + "." + to)) {
            throw new IllegalStateException("cannot rename " + from + " to " + to);
        }
        tables.put(schema + "." + to, sentry);
        changes.add("rename " + from + " to " + to);
    }
}
