package dev.twoway.it.fidelity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the fidelity matrix: a table (its columns, written with {@code %s} for the table's
 * qualified name), the change, and what to expect. By default every column is written with
 * {@link EdgeValues}; a case narrows a column's values where the change makes MySQL refuse some
 * of them (a domain), separately for the old schema (before the cut-over and after the revert)
 * and the new one. {@code renames} and {@code recreated} say which columns MySQL's semantics of
 * the statement carry over under another name, or replace by a new column of the same name.
 * {@code clock} columns get their value from the clock (a default filled in when the row is
 * written): only whether they hold a value is compared.
 */
record FidelityCase(String name, String create, String change, Expect expect, String refusal,
                    Map<String, List<String>> oldDomains, Map<String, List<String>> newDomains,
                    Map<String, String> renames, Set<String> recreated, Set<String> clock, boolean zeroKey) {

    enum Expect {
        /** Cut over, revert and re-apply, equal to MySQL's result each time. */
        EQUAL,
        /** Refused before anything is created (validate or the state row), with {@code refusal} in the reason. */
        REFUSED,
        /** MySQL's own ALTER fails on these rows, so twoway's migration fails, with {@code refusal} in the reason. */
        FAILS
    }

    static FidelityCase of(String name, String create, String change) {
        return new FidelityCase(name, create, change, Expect.EQUAL, null, Map.of(), Map.of(), Map.of(), Set.of(),
                Set.of(), false);
    }

    FidelityCase refused(String reason) {
        return new FidelityCase(name, create, change, Expect.REFUSED, reason, oldDomains, newDomains, renames,
                recreated, clock, zeroKey);
    }

    FidelityCase fails(String reason) {
        return new FidelityCase(name, create, change, Expect.FAILS, reason, oldDomains, newDomains, renames,
                recreated, clock, zeroKey);
    }

    /** Values for {@code column} in both schemas. */
    FidelityCase domain(String column, String... literals) {
        return oldDomain(column, literals).newDomain(column, literals);
    }

    FidelityCase oldDomain(String column, String... literals) {
        Map<String, List<String>> domains = new HashMap<>(oldDomains);
        domains.put(column, List.of(literals));
        return new FidelityCase(name, create, change, expect, refusal, Map.copyOf(domains), newDomains, renames,
                recreated, clock, zeroKey);
    }

    FidelityCase newDomain(String column, String... literals) {
        Map<String, List<String>> domains = new HashMap<>(newDomains);
        domains.put(column, List.of(literals));
        return new FidelityCase(name, create, change, expect, refusal, oldDomains, Map.copyOf(domains), renames,
                recreated, clock, zeroKey);
    }

    FidelityCase renamed(String from, String to) {
        Map<String, String> map = new HashMap<>(renames);
        map.put(from, to);
        return new FidelityCase(name, create, change, expect, refusal, oldDomains, newDomains, Map.copyOf(map),
                recreated, clock, zeroKey);
    }

    FidelityCase recreates(String... columns) {
        return new FidelityCase(name, create, change, expect, refusal, oldDomains, newDomains, renames,
                Set.of(columns), clock, zeroKey);
    }

    FidelityCase clock(String... columns) {
        return new FidelityCase(name, create, change, expect, refusal, oldDomains, newDomains, renames, recreated,
                Set.of(columns), zeroKey);
    }

    FidelityCase withZeroKey() {
        return new FidelityCase(name, create, change, expect, refusal, oldDomains, newDomains, renames, recreated,
                clock, true);
    }

    @Override
    public String toString() {
        return name + ": ALTER TABLE ... " + change;
    }
}
