package dev.twoway.coordinator.checksum;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import dev.twoway.core.projection.ColumnMap;
import dev.twoway.core.projection.ColumnPair;
import dev.twoway.core.projection.ColumnTypes;

/**
 * Which columns a checksum compares: those both schemas share whose value is carried unchanged,
 * i.e. mapped with the same type on both sides (the key always). A column whose type the statement
 * changes is left out: its value on one side is MySQL's conversion of the other's, proven equal to
 * {@code ALTER TABLE}'s by ConversionRulesIT, and a revert's inverse is an assignment no SELECT can
 * replay. Columns only one schema has are not compared (nothing carries them). Decides only.
 *
 * @param live the live table's side
 * @param written the side of the table the sink writes
 * @param ranged false when a key column changes type: the two sides may order keys differently,
 *               so they are compared as one chunk
 * @param skipped the columns left out because their type changes, by the live table's names
 */
public record ComparedColumns(ChecksumSide live, ChecksumSide written, boolean ranged, List<String> skipped) {

    /**
     * @param liveIsOld whether the live table has the old schema (before a cut-over or a re-apply);
     *                  false before a revert
     */
    public static ComparedColumns of(String schema, String liveTable, String writtenTable, ColumnMap map,
                                     ColumnTypes types, boolean liveIsOld) {
        List<String> liveColumns = new ArrayList<>();
        List<String> writtenColumns = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        Set<String> livePlain = new HashSet<>();
        Set<String> writtenPlain = new HashSet<>();
        for (ColumnPair pair : map.pairs()) {
            String mine = liveIsOld ? pair.oldName() : pair.newName();
            String theirs = liveIsOld ? pair.newName() : pair.oldName();
            if (converted(types, pair) && !map.key().contains(pair)) {
                skipped.add(mine);
                continue;
            }
            liveColumns.add(mine);
            writtenColumns.add(theirs);
            if (plain(types, pair)) {
                livePlain.add(mine);
                writtenPlain.add(theirs);
            }
        }
        List<String> liveKey = map.key().stream().map(p -> liveIsOld ? p.oldName() : p.newName()).toList();
        List<String> writtenKey = map.key().stream().map(p -> liveIsOld ? p.newName() : p.oldName()).toList();
        boolean ranged = map.key().stream().noneMatch(p -> converted(types, p));
        return new ComparedColumns(new ChecksumSide(schema, liveTable, liveKey, liveColumns, livePlain),
                new ChecksumSide(schema, writtenTable, writtenKey, writtenColumns, writtenPlain), ranged,
                List.copyOf(skipped));
    }

    /** Unchanged and a number, date or time on both sides: hashed alike without a length prefix. */
    private static boolean plain(ColumnTypes types, ColumnPair pair) {
        Optional<ColumnTypes.Column> column = types.forOld(pair.oldName());
        return column.isPresent() && !column.get().converted() && ChecksumSide.plainType(column.get().oldType());
    }

    private static boolean converted(ColumnTypes types, ColumnPair pair) {
        Optional<ColumnTypes.Column> column = types.forOld(pair.oldName());
        return column.isPresent() && column.get().converted();
    }
}
