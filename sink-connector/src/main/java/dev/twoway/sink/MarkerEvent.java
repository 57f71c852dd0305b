package dev.twoway.sink;

import dev.twoway.core.state.MarkerKind;

/** A control marker met in a table's topic: what it asks for, which row it is, whose migration. */
public record MarkerEvent(MarkerKind kind, long markerId, String migrationId) {
}
