package dev.twoway.it.fidelity;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One row of the fidelity matrix: a table (its columns, written with {@code %s} for the table's
 * qualified name), the change, and what to expect. By default every column is written with
 * {@link EdgeValues}; a case narrows a column's values where the change makes MySQL refuse some
 * of them (a domain), separately for the old schema (before the cut-over and after the revert),
 * the new one, and the seed rows (which otherwise take the old schema's). {@code renames} and
 * {@code recreated} say which columns MySQL's semantics of the statement carry over under another
 * name, or replace by a new column of the same name. {@code clock} columns get their value from
 * the clock (a default filled in when the row is written): only whether they hold a value is compared.
 */
record FidelityCase(String name, String create, String change, Expect expect, String refusal, Domains domains,
                    Map<String, String> renames, Set<String> recreated, Set<String> clock, boolean zeroKey) {

    enum Expect {
        /** Cut over, revert and re-apply, equal to MySQL's result each time. */
        EQUAL,
        /** Refused before anything is created (validate or the state row), with {@code refusal} in the reason. */
        REFUSED,
        /** MySQL's own ALTER fails on these rows, so twoway's migration fails, with {@code refusal} in the reason. */
        FAILS,
        /**
         * Cut over and equal to MySQL's result; then writes the old schema cannot hold (the new
         * domains), so the revert is refused with {@code refusal} in the reason and the live table is untouched.
         */
        NOT_REVERTIBLE
    }

    /**
     * A column's literals where a case narrows them, for the old schema, the new one and the seed
     * rows; {@code fixed}: columns the writers set when they insert a row and never update.
     */
    record Domains(Map<String, List<String>> old, Map<String, List<String>> neu, Map<String, List<String>> seed,
                   Set<String> fixed) {
        /** The seed's values: its own where given, else the old schema's. */
        Map<String, List<String>> seeding() {
            Map<String, List<String>> merged = new HashMap<>(old);
            merged.putAll(seed);
            return merged;
        }

        private static Map<String, List<String>> with(Map<String, List<String>> map, String column, String... literals) {
            Map<String, List<String>> copy = new HashMap<>(map);
            copy.put(column, List.of(literals));
            return Map.copyOf(copy);
        }
    }

    static FidelityCase of(String name, String create, String change) {
        return new FidelityCase(name, create, change, Expect.EQUAL, null, new Domains(Map.of(), Map.of(), Map.of(), Set.of()),
                Map.of(), Set.of(), Set.of(), false);
    }

    FidelityCase refused(String reason) {
        return expecting(Expect.REFUSED, reason);
    }

    FidelityCase fails(String reason) {
        return expecting(Expect.FAILS, reason);
    }

    /** After the cut-over the case writes values the old schema cannot hold: the revert is refused naming {@code reason}. */
    FidelityCase notRevertible(String reason) {
        return expecting(Expect.NOT_REVERTIBLE, reason);
    }

    /** Values for {@code column} in both schemas. */
    FidelityCase domain(String column, String... literals) {
        return oldDomain(column, literals).newDomain(column, literals);
    }

    FidelityCase oldDomain(String column, String... literals) {
        return with(new Domains(Domains.with(domains.old(), column, literals), domains.neu(), domains.seed(),
                domains.fixed()));
    }

    FidelityCase newDomain(String column, String... literals) {
        return with(new Domains(domains.old(), Domains.with(domains.neu(), column, literals), domains.seed(),
                domains.fixed()));
    }

    /** Values for {@code column} in the seed rows only (e.g. distinct ones, where the writers then make duplicates). */
    FidelityCase seedDomain(String column, String... literals) {
        return with(new Domains(domains.old(), domains.neu(), Domains.with(domains.seed(), column, literals),
                domains.fixed()));
    }

    /** Columns the writers never update (e.g. a unique key whose values must not move between rows). */
    FidelityCase fixed(String... columns) {
        return with(new Domains(domains.old(), domains.neu(), domains.seed(), Set.of(columns)));
    }

    FidelityCase renamed(String from, String to) {
        Map<String, String> map = new HashMap<>(renames);
        map.put(from, to);
        return new FidelityCase(name, create, change, expect, refusal, domains, Map.copyOf(map), recreated, clock,
                zeroKey);
    }

    FidelityCase recreates(String... columns) {
        return new FidelityCase(name, create, change, expect, refusal, domains, renames, Set.of(columns), clock, zeroKey);
    }

    FidelityCase clock(String... columns) {
        return new FidelityCase(name, create, change, expect, refusal, domains, renames, recreated, Set.of(columns),
                zeroKey);
    }

    FidelityCase withZeroKey() {
        return new FidelityCase(name, create, change, expect, refusal, domains, renames, recreated, clock, true);
    }

    Map<String, List<String>> oldDomains() {
        return domains.old();
    }

    Map<String, List<String>> newDomains() {
        return domains.neu();
    }

    private FidelityCase expecting(Expect outcome, String reason) {
        return new FidelityCase(name, create, change, outcome, reason, domains, renames, recreated, clock, zeroKey);
    }

    private FidelityCase with(Domains changed) {
        return new FidelityCase(name, create, change, expect, refusal, changed, renames, recreated, clock, zeroKey);
    }

    @Override
    public String toString() {
        return name + ": ALTER TABLE ... " + change;
    }
}
