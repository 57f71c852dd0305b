package dev.twoway.coordinator.cutover;

import java.util.ArrayList;
import java.util.List;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Which way a locked swap goes, and for which members: everything a cut-over and a revert do not
 * share. A single migration is a group of one. Each member's live table {@code table} is parked
 * under {@code parking} (the sentry's name while the lock is held) and {@code incoming} takes its
 * name; the whole group is one {@code RENAME TABLE a TO a_parking, a_incoming TO a, b TO …},
 * members in deploy order for a cut-over and in reverse order for a revert. The table names never
 * change meaning: {@code shadow_table} is the new schema's parking name, {@code old_table} the
 * old schema's.
 *
 * @param word the swap in words, for stages and messages ("cut-over", "revert")
 * @param marker the marker that tells the sink about the swap
 * @param to the state once swapped
 * @param members the group, in the order of its RENAME
 */
public record SwapPlan(String word, MarkerKind marker, MigrationState to, List<Member> members) {

    public SwapPlan {
        members = List.copyOf(members);
        if (members.isEmpty()) {
            throw new IllegalArgumentException("a swap has at least one member");
        }
    }

    /**
     * One member's part. {@code parking} is null when no table of the name is live before the
     * swap (a created table coming in), {@code incoming} when none takes the name (a dropped
     * table going out); an ALTER has both, and only it has a stream the sink applies.
     */
    public record Member(String migrationId, String schema, String table, String incoming, String parking) {
        /** A table of the name is live before the swap: it is locked, and its sentry holds the parking name. */
        public boolean live() {
            return parking != null;
        }

        /** The sink applies this member's table (both schemas are tables): it gets a marker. */
        public boolean streamed() {
            return parking != null && incoming != null;
        }

        String name() {
            return schema + "." + table;
        }
    }

    /** The new schema goes live: the first cut-over (from ready) and every re-apply (from reverted). */
    public static SwapPlan forward(MigrationRow row) {
        return forward(List.of(row));
    }

    /** The old schema goes live again: the cut-over played backwards. */
    public static SwapPlan backward(MigrationRow row) {
        return backward(List.of(row));
    }

    /** A group's cut-over, members in deploy order. */
    public static SwapPlan forward(List<MigrationRow> rows) {
        List<Member> members = rows.stream().map(r -> new Member(r.migrationId(), r.tableSchema(), r.tableName(),
                blankToNull(r.shadowTable()), blankToNull(r.oldTable()))).toList();
        return new SwapPlan("cut-over", MarkerKind.CUTOVER, MigrationState.COMPLETE, members);
    }

    /** A group's revert: every inverse, in reverse order of the deploy. */
    public static SwapPlan backward(List<MigrationRow> rows) {
        List<Member> members = new ArrayList<>(rows.stream().map(r -> new Member(r.migrationId(), r.tableSchema(),
                r.tableName(), blankToNull(r.oldTable()), blankToNull(r.shadowTable()))).toList());
        java.util.Collections.reverse(members);
        return new SwapPlan("revert", MarkerKind.REVERT, MigrationState.REVERTED, members);
    }

    /** The swap a swap marker announced. */
    public static SwapPlan of(MarkerKind marker, MigrationRow row) {
        return of(marker, List.of(row));
    }

    public static SwapPlan of(MarkerKind marker, List<MigrationRow> rows) {
        return switch (marker) {
            case CUTOVER -> forward(rows);
            case REVERT -> backward(rows);
            default -> throw new IllegalArgumentException(marker.wireName() + " markers announce no swap");
        };
    }

    /** The members with a live table, in the order of the RENAME. */
    public List<Member> live() {
        return members.stream().filter(Member::live).toList();
    }

    /** The members the sink applies, in the order of the RENAME. */
    public List<Member> streamed() {
        return members.stream().filter(Member::streamed).toList();
    }

    /** The member of a migration. */
    public Member member(String migrationId) {
        return members.stream().filter(m -> m.migrationId().equals(migrationId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no member " + migrationId));
    }

    /** The only member's, for a plan of one. */
    public String schema() {
        return only().schema();
    }

    public String table() {
        return only().table();
    }

    public String incoming() {
        return only().incoming();
    }

    public String parking() {
        return only().parking();
    }

    private Member only() {
        if (members.size() != 1) {
            throw new IllegalStateException("a group of " + members.size() + " has no only member");
        }
        return members.get(0);
    }

    /** The only member's stage once swapped, in words. */
    public String doneStage() {
        return doneStage(only());
    }

    /** A member's stage once swapped, in words. */
    public String doneStage(Member member) {
        String group = members.size() == 1 ? "" : " (with " + (members.size() - 1) + " more in one RENAME)";
        if (!member.streamed()) {
            boolean arrives = member.incoming() != null;
            return to.wireName() + ": tables swapped" + group + "; " + member.table() + (arrives
                    ? " is live (it was " + member.incoming() + ")" : " is parked as " + member.parking());
        }
        String schema = marker == MarkerKind.CUTOVER ? "new" : "old";
        String other = marker == MarkerKind.CUTOVER ? "old" : "new";
        return to.wireName() + ": tables swapped" + group + "; " + member.table() + " has the " + schema
                + " schema, " + member.parking() + " the " + other + " one";
    }

    private static String blankToNull(String name) {
        return name == null || name.isEmpty() ? null : name;
    }
}
