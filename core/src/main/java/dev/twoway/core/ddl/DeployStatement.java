package dev.twoway.core.ddl;

import dev.twoway.core.state.MemberKind;

/**
 * One statement of a deploy request: its place in the request (1, 2, …), what it does, to which
 * table, and its text as the user wrote it (what the member's row keeps). Exactly one of
 * {@code alter} and {@code create} is set for those kinds; a DROP needs nothing more than its table.
 */
public record DeployStatement(int position, MemberKind kind, String schema, String table, String text,
                              AlterStatement alter, CreateStatement create) {

    /** "ALTER TABLE shop.orders", for messages. */
    public String describe() {
        return kind.name() + " TABLE " + schema + "." + table;
    }
}
