package dev.twoway.coordinator.source;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.core.state.MarkerErrorStore;
import dev.twoway.core.state.MigrationRow;
import dev.twoway.core.state.MigrationState;

/**
 * Once a second, while a migration depends on its table's stream (running, ready, complete,
 * reverted), checks the sources: a problem goes into the state row's message at once
 * ({@link StreamNotice}) and leaves it when solved, so a migration never waits at "the sink did not
 * reach a marker" without saying that the source is the reason. Two problems end the migration
 * before its cut-over, as nothing it could wait for would help: a marker of it that the source
 * could not route (it will never reach the sink), and a source that skips the table's changes for
 * want of its schema (the shadow would miss them).
 */
public final class SourceWatch {
    private static final Logger LOG = LoggerFactory.getLogger(SourceWatch.class);
    static final long EVERY_NANOS = 1_000_000_000L;

    private final SourceRegistry registry;
    private final MarkerErrorStore markerErrors;
    private final StreamNotice notice;
    private long checkedAt = Long.MIN_VALUE / 2;
    private String shown;
    private String readError;

    public SourceWatch(String sidecar) {
        this.registry = new SourceRegistry(sidecar);
        this.markerErrors = new MarkerErrorStore(sidecar);
        this.notice = new StreamNotice(sidecar);
    }

    /**
     * Why the migration must end now, if it must (the caller fails it, with its clean-up). A failed
     * read is logged and skipped: what only shows the stream's health must not hold up the migration.
     */
    public Optional<String> check(Connection c, MigrationRow row) throws SQLException {
        long now = System.nanoTime();
        if (!watched(row.state()) || now - checkedAt < EVERY_NANOS) {
            return Optional.empty();
        }
        checkedAt = now;
        Optional<String> lostMarker;
        Coverage coverage;
        try {
            lostMarker = markerErrors.first(c, row.migrationId());
            coverage = registry.streaming(c, row.tableSchema(), row.tableName());
        }
        catch (SQLException e) {
            if (!String.valueOf(e.getMessage()).equals(readError)) {
                LOG.warn("migration {}: cannot read the sources' health: {}", row.migrationId(), e.getMessage());
                readError = String.valueOf(e.getMessage());
            }
            return Optional.empty();
        }
        readError = null;
        boolean beforeCutover = row.state() == MigrationState.RUNNING || row.state() == MigrationState.READY;
        if (lostMarker.isPresent() && beforeCutover) {
            return Optional.of("a marker of this migration cannot reach the sink: " + lostMarker.get());
        }
        if (coverage.kind() == Coverage.Kind.UNKNOWN_SCHEMA && beforeCutover) {
            return Optional.of(coverage.reason());
        }
        show(c, row, lostMarker.orElse(coverage.kind() == Coverage.Kind.STREAMED ? null : coverage.reason()));
        return Optional.empty();
    }

    private void show(Connection c, MigrationRow row, String problem) throws SQLException {
        if (!java.util.Objects.equals(problem, shown)) {
            if (problem == null) {
                LOG.info("migration {}: the table's changes stream again", row.migrationId());
            }
            else {
                LOG.warn("migration {}: {}", row.migrationId(), problem);
            }
            shown = problem;
        }
        notice.show(c, row.migrationId(), row.message(), problem);
    }

    private static boolean watched(MigrationState state) {
        return state == MigrationState.RUNNING || state == MigrationState.READY || state == MigrationState.COMPLETE
                || state == MigrationState.REVERTED;
    }
}
