package dev.twoway.core.state;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Compares two MySQL column types of the text family by what they hold. Decides only. */
final class ColumnWidth {
    private static final List<String> TEXTS = List.of("tinytext", "text", "mediumtext", "longtext");
    private static final Pattern VARCHAR = Pattern.compile("varchar\\((\\d+)\\)");

    private ColumnWidth() {
    }

    /**
     * Whether {@code present} holds less than {@code wanted} (both as information_schema's
     * COLUMN_TYPE gives them, lower case). Types of different families, or unknown ones, are not
     * compared: a twoway only ever widens a column within its family.
     */
    static boolean narrower(String present, String wanted) {
        int presentText = TEXTS.indexOf(present);
        int wantedText = TEXTS.indexOf(wanted);
        if (presentText >= 0 && wantedText >= 0) {
            return presentText < wantedText;
        }
        Matcher p = VARCHAR.matcher(present);
        Matcher w = VARCHAR.matcher(wanted);
        if (p.matches() && w.matches()) {
            return Integer.parseInt(p.group(1)) < Integer.parseInt(w.group(1));
        }
        return false;
    }
}
