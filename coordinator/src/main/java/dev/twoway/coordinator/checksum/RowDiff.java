package dev.twoway.coordinator.checksum;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The rows of one chunk that differ between the two tables, from each side's keys and row
 * hashes: values that differ, then rows on one side only, named by key. Decides only.
 */
final class RowDiff {
    private RowDiff() {
    }

    /**
     * @param live key (JSON) to row hash, in key order, of the live table
     * @param written the same of the table the sink writes
     * @return at most {@code limit} descriptions, in the live table's key order, then the written one's
     */
    static List<String> differing(Map<String, Long> live, Map<String, Long> written, String liveName,
                                  String writtenName, int limit) {
        List<String> found = new ArrayList<>();
        for (Map.Entry<String, Long> row : live.entrySet()) {
            Long other = written.get(row.getKey());
            if (other == null) {
                found.add(row.getKey() + " (only in " + liveName + ")");
            }
            else if (!Objects.equals(other, row.getValue())) {
                found.add(row.getKey() + " (values differ)");
            }
        }
        for (String key : written.keySet()) {
            if (!live.containsKey(key)) {
                found.add(key + " (only in " + writtenName + ")");
            }
        }
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }
}
