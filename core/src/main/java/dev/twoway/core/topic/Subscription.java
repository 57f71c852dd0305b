package dev.twoway.core.topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A sink's subscription as Connect configures it: {@code topics} (a list) or {@code topics.regex}
 * (matched against the whole topic name, as the consumer does), and which tables' topics it takes.
 * A table's topic is {@code <prefix>.<db>.<table>} with Debezium's sanitising ({@link #topic}); the
 * prefix is the source's {@code topic.prefix}, which a sink does not know, so the candidates come
 * from what is known: the topics a sink has consumed ({@code sink_progress}), the literal start of
 * its regex, and the source's default {@code twoway}. Decides only.
 */
public final class Subscription {
    public static final String DEFAULT_PREFIX = "twoway";

    private final List<String> topics;
    private final Pattern regex;
    private final String regexText;

    private Subscription(List<String> topics, Pattern regex, String regexText) {
        this.topics = topics;
        this.regex = regex;
        this.regexText = regexText;
    }

    /** From the two options' values (either may be null or blank); an unparsable regex covers nothing. */
    public static Subscription of(String topics, String topicsRegex) {
        List<String> list = topics == null || topics.isBlank() ? List.of()
                : Arrays.stream(topics.split(",")).map(String::trim).filter(t -> !t.isEmpty()).toList();
        Pattern pattern = null;
        if (topicsRegex != null && !topicsRegex.isBlank()) {
            try {
                pattern = Pattern.compile(topicsRegex);
            }
            catch (PatternSyntaxException e) {
                pattern = null;
            }
        }
        return new Subscription(list, pattern, topicsRegex);
    }

    public boolean covers(String topic) {
        return topics.contains(topic) || (regex != null && regex.matcher(topic).matches());
    }

    /** The first candidate topic of the table it covers, or null. */
    public String coveredTopic(String database, String table, Set<String> prefixes) {
        for (String prefix : candidates(prefixes)) {
            String topic = topic(prefix, database, table);
            if (covers(topic)) {
                return topic;
            }
        }
        for (String topic : topics) {
            if (topic.endsWith(suffix(database, table))) {
                return topic;
            }
        }
        return null;
    }

    /** The databases of its {@code topics} list ({@code <prefix>.<db>.<table>}: the next to last part). */
    public Set<String> listedDatabases() {
        Set<String> databases = new LinkedHashSet<>();
        for (String topic : topics) {
            String[] parts = topic.split("\\.");
            if (parts.length >= 3) {
                databases.add(parts[parts.length - 2]);
            }
        }
        return databases;
    }

    /** {@code topics=…} or {@code topics.regex=…}, for messages. */
    public String describe() {
        if (!topics.isEmpty()) {
            return "topics=" + String.join(",", topics);
        }
        return regexText == null ? "no topics" : "topics.regex=" + regexText;
    }

    /**
     * The given prefixes, the literal start of the regex up to its first dot, and the default. (A
     * prefix may hold dots itself, but taking the start up to a later dot would read the database
     * into the prefix: {@code tw\.shop\..*} would seem to take {@code tw.shop.other.users}; such a
     * prefix is learnt from the topics the sink has consumed instead.)
     */
    private List<String> candidates(Set<String> prefixes) {
        Set<String> all = new LinkedHashSet<>(prefixes);
        String lead = literalLead(regexText);
        int dot = lead.indexOf('.');
        if (dot > 0) {
            all.add(lead.substring(0, dot));
        }
        all.add(DEFAULT_PREFIX);
        return new ArrayList<>(all);
    }

    /** The text a regex matches literally before its first construct ({@code tw\.shop\..*} -> "tw.shop."). */
    static String literalLead(String regex) {
        if (regex == null) {
            return "";
        }
        StringBuilder lead = new StringBuilder();
        for (int i = 0; i < regex.length(); i++) {
            char ch = regex.charAt(i);
            if (ch == '\\' && i + 1 < regex.length() && !Character.isLetterOrDigit(regex.charAt(i + 1))) {
                lead.append(regex.charAt(++i));
            }
            else if (Character.isLetterOrDigit(ch) || ch == '_' || ch == '-') {
                lead.append(ch);
            }
            else {
                break;
            }
        }
        return lead.toString();
    }

    /** {@code <prefix>.<db>.<table>} as Debezium names it: every character but {@code [A-Za-z0-9._-]} becomes {@code _}. */
    public static String topic(String prefix, String database, String table) {
        return sanitise(prefix + "." + database + "." + table);
    }

    /** {@code .<db>.<table>}, sanitised: how every topic of the table ends, whatever the prefix. */
    public static String suffix(String database, String table) {
        return "." + sanitise(database) + "." + sanitise(table);
    }

    /** The prefix of a table topic's name: all but its last two parts, or null. */
    public static String prefixOf(String topic) {
        int last = topic.lastIndexOf('.');
        int before = last <= 0 ? -1 : topic.lastIndexOf('.', last - 1);
        return before <= 0 ? null : topic.substring(0, before);
    }

    static String sanitise(String name) {
        StringBuilder out = new StringBuilder(name.length());
        for (char ch : name.toCharArray()) {
            boolean valid = ch == '.' || ch == '_' || ch == '-' || (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z')
                    || (ch >= '0' && ch <= '9');
            out.append(valid ? ch : '_');
        }
        return out.toString();
    }
}
