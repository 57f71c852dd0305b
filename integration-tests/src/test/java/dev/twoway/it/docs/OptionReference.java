package dev.twoway.it.docs;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.ConfigKey;
import org.apache.kafka.common.config.types.Password;

import dev.twoway.coordinator.TwowayMigrationConnector;
import dev.twoway.sink.TwowaySinkConnector;
import dev.twoway.source.TwowaySourceConnector;
import io.debezium.connector.mysql.Module;
import io.debezium.connector.mysql.MySqlConnector;
import io.debezium.relational.history.SchemaHistory;

/**
 * The README's option reference, rendered from the connectors' own {@code config()}: one
 * Markdown table per option group. For the source, only what twoway adds to Debezium's MySQL
 * connector and the Debezium options it gives a default of its own; the rest is Debezium's
 * documentation. {@code ./twoway docs} writes it into README.md; {@link OptionReferenceTest}
 * fails when README.md differs.
 */
public final class OptionReference {
    public static final String START = "<!-- options:start -->";
    public static final String END = "<!-- options:end -->";
    private static final String HEADER = "| option | type | default | valid values | importance | description |\n"
            + "|---|---|---|---|---|---|\n";

    private OptionReference() {
    }

    /** The block between {@link #START} and {@link #END}, markers included. */
    public static String render() {
        StringBuilder out = new StringBuilder();
        out.append(START).append('\n');
        out.append("<!-- generated from the connectors' ConfigDefs by ./twoway docs: do not edit by hand -->\n\n");
        source(out);
        connector(out, "Sink connector", TwowaySinkConnector.class, new TwowaySinkConnector().config());
        connector(out, "Migration coordinator", TwowayMigrationConnector.class, new TwowayMigrationConnector().config());
        out.append(END);
        return out.toString();
    }

    private static void source(StringBuilder out) {
        ConfigDef debezium = new MySqlConnector().config();
        ConfigDef twoway = new TwowaySourceConnector().config();
        out.append("### Source connector (`").append(TwowaySourceConnector.class.getName()).append("`)\n\n");
        out.append("Every option of Debezium's MySQL connector applies (see [Debezium ").append(Module.version())
                .append("'s MySQL connector properties](").append(debeziumDocs()).append(")). twoway adds:\n\n");
        ConfigDef added = new ConfigDef();
        twoway.configKeys().values().stream().filter(k -> !debezium.configKeys().containsKey(k.name)).forEach(added::define);
        table(out, sorted(added));
        out.append("\nand runs Debezium with these defaults of its own (a value you give wins):\n\n");
        out.append("| option | Debezium's default | twoway's default | Debezium's description |\n|---|---|---|---|\n");
        Map<String, String> a = TwowaySourceConnector.effectiveConfig(Map.of("name", "a"));
        Map<String, String> b = TwowaySourceConnector.effectiveConfig(Map.of("name", "b"));
        for (String name : a.keySet().stream().filter(k -> !k.equals("name")).sorted().toList()) {
            ConfigKey key = debezium.configKeys().get(name);
            String twowayDefault = Objects.equals(a.get(name), b.get(name)) ? extension(name, a.get(name))
                    : "derived from the connector's `name`: stable across restarts, distinct per connector";
            out.append("| `").append(name).append("` | ").append(key == null ? "" : defaultValue(key)).append(" | ")
                    .append(twowayDefault).append(" | ").append(key == null ? "" : cell(firstSentence(key.documentation)))
                    .append(" |\n");
        }
        out.append('\n');
    }

    /**
     * A default that is Debezium's own list with entries added shows as "Debezium's list, plus"
     * the entries (the DDL filter's own list is a page of regular expressions, and internal, so
     * Debezium's ConfigDef does not show it).
     */
    private static String extension(String name, String value) {
        String debeziumDefault = name.equals(SchemaHistory.DDL_FILTER.name()) ? SchemaHistory.DDL_FILTER.defaultValueAsString() : null;
        if (debeziumDefault == null || !value.startsWith(debeziumDefault + ",")) {
            return code(value);
        }
        return "Debezium's own list, plus "
                + String.join(" and ", Arrays.stream(value.substring(debeziumDefault.length() + 1).split(","))
                        .map(OptionReference::code).toList());
    }

    private static String debeziumDocs() {
        String[] version = Module.version().split("\\.");
        return "https://debezium.io/documentation/reference/" + version[0] + "." + version[1]
                + "/connectors/mysql.html#mysql-connector-properties";
    }

    private static void connector(StringBuilder out, String title, Class<?> type, ConfigDef def) {
        out.append("### ").append(title).append(" (`").append(type.getName()).append("`)\n\n");
        table(out, sorted(def));
        out.append('\n');
    }

    /** The keys grouped in the order their groups were first defined, by order in group within each. */
    private static Map<String, List<ConfigKey>> sorted(ConfigDef def) {
        List<String> groups = new ArrayList<>(def.groups());
        Map<String, List<ConfigKey>> byGroup = new LinkedHashMap<>();
        groups.forEach(g -> byGroup.put(g, new ArrayList<>()));
        for (ConfigKey key : def.configKeys().values()) {
            byGroup.computeIfAbsent(key.group == null ? "" : key.group, g -> new ArrayList<>()).add(key);
        }
        byGroup.values().forEach(keys -> keys.sort(Comparator.comparingInt(k -> k.orderInGroup)));
        byGroup.values().removeIf(List::isEmpty);
        return byGroup;
    }

    private static void table(StringBuilder out, Map<String, List<ConfigKey>> groups) {
        boolean headings = groups.size() > 1 || !groups.containsKey("");
        for (Map.Entry<String, List<ConfigKey>> group : groups.entrySet()) {
            if (headings) {
                out.append("#### ").append(group.getKey().isEmpty() ? "Other" : group.getKey()).append("\n\n");
            }
            out.append(HEADER);
            for (ConfigKey key : group.getValue()) {
                out.append("| `").append(key.name).append("` | ").append(key.type.name().toLowerCase()).append(" | ")
                        .append(defaultValue(key)).append(" | ")
                        .append(key.validator == null ? "" : cell(key.validator.toString())).append(" | ")
                        .append(key.importance.name().toLowerCase()).append(" | ").append(cell(key.documentation))
                        .append(" |\n");
            }
            if (headings) {
                out.append('\n');
            }
        }
        trimBlankLine(out);
    }

    private static void trimBlankLine(StringBuilder out) {
        while (out.length() >= 2 && out.charAt(out.length() - 1) == '\n' && out.charAt(out.length() - 2) == '\n') {
            out.setLength(out.length() - 1);
        }
    }

    private static String defaultValue(ConfigKey key) {
        if (!key.hasDefault()) {
            return "(required)";
        }
        if (key.defaultValue == null) {
            return "(none)";
        }
        if (key.defaultValue instanceof Password password) {
            return code(password.value());
        }
        return code(ConfigDef.convertToString(key.defaultValue, key.type));
    }

    private static String code(String value) {
        if (value == null) {
            return "(none)";
        }
        return value.isEmpty() ? "`\"\"`" : "`" + value.replace("|", "\\|") + "`";
    }

    /** Text fit for a table cell: one line, pipes escaped, no HTML. */
    private static String cell(String text) {
        return text == null ? "" : text.replaceAll("\\s*\\n\\s*", " ").replace("|", "\\|").replace("<", "&lt;")
                .replace(">", "&gt;").trim();
    }

    /** Debezium's descriptions run long; the first sentence says what the option is. */
    private static String firstSentence(String text) {
        int end = text == null ? -1 : text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** {@code readme} with its block between the markers replaced by {@link #render()}. */
    public static String replaceBlock(String readme) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("README.md has no " + START + " ... " + END + " block");
        }
        return readme.substring(0, start) + render() + readme.substring(end + END.length());
    }

    /** The block as README.md has it now, markers included; null when there is none. */
    public static String currentBlock(String readme) {
        int start = readme.indexOf(START);
        int end = readme.indexOf(END);
        return start < 0 || end < start ? null : readme.substring(start, end + END.length());
    }
}
