package dev.twoway.core.ddl;

import java.util.List;

/**
 * What a statement does to CHECK constraints, by name. Check names are unique in a database, so
 * the shadow cannot simply take the table's; what the statement names must be translated to the
 * shadow's names.
 *
 * @param added names of the checks it adds with a name of their own
 * @param unnamed how many checks it adds without a name (MySQL names them {@code <table>_chk_<N>})
 * @param dropped names of the constraints it drops by DROP CHECK or DROP CONSTRAINT
 * @param altered names of the checks it turns ENFORCED or NOT ENFORCED
 */
public record CheckChanges(List<String> added, int unnamed, List<String> dropped, List<String> altered) {

    public CheckChanges {
        added = List.copyOf(added);
        dropped = List.copyOf(dropped);
        altered = List.copyOf(altered);
    }

    /** Check names are case-insensitive in MySQL. */
    public boolean drops(String check) {
        return dropped.stream().anyMatch(check::equalsIgnoreCase);
    }

    /** Whether the statement adds a check, named or not. */
    public boolean addsAny() {
        return unnamed > 0 || !added.isEmpty();
    }
}
