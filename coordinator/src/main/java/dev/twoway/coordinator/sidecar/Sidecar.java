package dev.twoway.coordinator.sidecar;

import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import dev.twoway.core.state.MarkerKind;
import dev.twoway.core.state.MarkerOutcome;
import dev.twoway.core.state.MarkerRow;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * What the reconciler and its steps read and write in the sidecar database ({@code _twoway}):
 * the migrations' rows, their markers, the audit outbox and what the sinks record. One method per
 * question or change, so the steps say what they want and not how; {@link MySqlSidecar} in service,
 * an in-memory fake in unit tests (the reconciler and the steps are tested without MySQL through it).
 *
 * <p>A state change and its audit row commit together or not at all ({@link #insert}, {@link #move},
 * {@link #swapped}); a change guarded by a state the row is not in changes nothing and appends nothing.
 */
public interface Sidecar {
    /** Creates the sidecar's tables, or brings an older sidecar up to date. */
    void ensure() throws SQLException;

    Optional<MigrationRow> migration(String migrationId) throws SQLException;

    /** A deploy request's members in the order of its statements (a single migration: its own row). */
    List<MigrationRow> members(String deployId) throws SQLException;

    /** Migrations of the table whose state holds it (queued to complete). */
    List<MigrationRow> holding(String schema, String table) throws SQLException;

    /** Inserts a migration's first row with its audit row; false when a row with its id exists. */
    boolean insert(MigrationRow row) throws SQLException;

    /** Inserts every row (a deploy request's members) with its audit row in one transaction; false (none) when any id exists. */
    boolean insert(List<MigrationRow> rows) throws SQLException;

    /** One move of a migration's state. */
    record Move(String migrationId, MigrationState from, MigrationState to, String stage, String message) {
    }

    /** Every move with its audit row in one transaction: all or none (false, when a row is not in its {@code from}). */
    boolean move(List<Move> moves) throws SQLException;

    /** {@code from -> to}, with its audit row; false (nothing changed) when the row is not in {@code from}. */
    boolean move(String migrationId, MigrationState from, MigrationState to, String stage, String message)
            throws SQLException;

    /** One member's part of a swap: its state change, its stage once swapped, its freeze point in words. */
    record SwapMove(String migrationId, MigrationState from, MigrationState to, String stage, String freezePoint,
                    String message) {
        /** A swap that leaves no message in the row. */
        public SwapMove(String migrationId, MigrationState from, MigrationState to, String stage, String freezePoint) {
            this(migrationId, from, to, stage, freezePoint, null);
        }

        /** The audit record's message: the freeze point, and what the row's message says (a forced swap's kills). */
        public String auditMessage() {
            return message == null ? freezePoint : freezePoint + "; " + message;
        }
    }

    /**
     * A swap's state changes, every member's with the same time in {@code cutover_at} (the first
     * swap also sets {@code revertible_until}, later ones keep it), each with its audit row whose
     * message is the member's freeze point (and the move's message, which the row keeps; none
     * otherwise), all in one transaction: all or none. False (nothing
     * changed) when a member is not in its {@code from}.
     */
    boolean swapped(List<SwapMove> moves, Instant at, Instant revertibleUntil) throws SQLException;

    /**
     * The migration becomes not revertible, the reason in its message, with an audit record
     * ({@code state -> state}); false (nothing changed) when it is not in {@code state} or not
     * revertible already.
     */
    boolean notRevertible(String migrationId, MigrationState state, String stage, String reason) throws SQLException;

    /** Where the migration is, in words, without changing its state. */
    void stage(String migrationId, String stage) throws SQLException;

    /** The same stage for every member of a group, in one statement (under a swap's lock every commit stalls the writers). */
    void stage(List<String> migrationIds, String stage) throws SQLException;

    /** Stage and message, without changing the state. */
    void note(String migrationId, String stage, String message) throws SQLException;

    /** Puts stage and message back in place of what a {@link #note} wrote, only if the row still says exactly that. */
    void replaceNote(String migrationId, String writtenStage, String writtenMessage, String stage, String message)
            throws SQLException;

    /** Clears the message when it begins with {@code prefix}. */
    void clearNote(String migrationId, String prefix) throws SQLException;

    void rowsTotal(String migrationId, long rowsTotal) throws SQLException;

    void lag(String migrationId, long lagMs, String stage) throws SQLException;

    /** Records (all nulls: clears) the freeze point of the swap in progress. */
    void freezePoint(String migrationId, String gtid, String topic, Integer partition, Long offset)
            throws SQLException;

    /** One member's freeze point (all nulls: none). */
    record Freeze(String migrationId, String gtid, String topic, Integer partition, Long offset) {
    }

    /** Every member's freeze point, in one transaction (one commit under the lock). */
    void freezePoints(List<Freeze> points) throws SQLException;

    /** Names the table a closing window retires, once; returns the name recorded (an earlier one wins). */
    String retiring(String migrationId, String holdName) throws SQLException;

    /** Inserts a marker (committed); its id. */
    long insertMarker(String migrationId, MarkerKind kind, String schema, String table) throws SQLException;

    /** A marker to insert. */
    record MarkerSpec(String migrationId, MarkerKind kind, String schema, String table) {
    }

    /**
     * Inserts the markers in one transaction, so they share one place in the binlog (a group
     * swap's: one freeze point for every member); their ids, in order.
     */
    List<Long> insertMarkers(List<MarkerSpec> markers) throws SQLException;

    Optional<MarkerRow> marker(long markerId) throws SQLException;

    /** How long ago the marker was inserted, by the database's clock; empty when there is no such marker. */
    OptionalLong markerAgeMs(long markerId) throws SQLException;

    /** The migration's newest marker of this kind. */
    Optional<MarkerRow> latestMarker(String migrationId, MarkerKind kind) throws SQLException;

    /** The migration's newest swap marker that swapped the tables: it says which schema is live. */
    Optional<MarkerRow> latestDoneSwap(String migrationId) throws SQLException;

    /** The migration's swap markers still pending, oldest first. */
    List<MarkerRow> pendingSwaps(String migrationId) throws SQLException;

    /** How many markers of {@code kind} the migration has (a swap's: one per attempt that got the lock). */
    long markerCount(String migrationId, MarkerKind kind) throws SQLException;

    /** Settles a pending swap marker; false when it was settled already. */
    boolean settle(long markerId, MarkerOutcome outcome) throws SQLException;

    /** Settles a group swap's pending markers in one transaction. */
    void settle(List<Long> markerIds, MarkerOutcome outcome) throws SQLException;

    /** What the sink recorded when the new schema refused a row the stream brings, if it did. */
    Optional<String> sinkRefusal(String migrationId) throws SQLException;

    /** What the sink recorded when the old table refused a row written after the cut-over, if it did. */
    Optional<String> sinkInverseRefusal(String migrationId) throws SQLException;

    /** That no running sink takes the table's topic, in words, if so (for the row of a migration waiting for it). */
    Optional<String> sinkWaiting(String schema, String table) throws SQLException;

    /** The marker once the sink has reached it, or empty at the deadline ({@link System#nanoTime()}). */
    default Optional<MarkerRow> awaitReached(long markerId, long deadlineNanos) throws SQLException {
        while (true) {
            Optional<MarkerRow> marker = marker(markerId).filter(MarkerRow::reached);
            if (marker.isPresent() || System.nanoTime() >= deadlineNanos) {
                return marker;
            }
            try {
                Thread.sleep(MarkerWaiter.POLL_MS);
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    /** The marker if the sink has reached it. */
    default Optional<MarkerRow> reached(long markerId) throws SQLException {
        return marker(markerId).filter(MarkerRow::reached);
    }
}
