package dev.twoway.coordinator.reconcile;

import java.sql.SQLException;
import java.util.Objects;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import dev.twoway.coordinator.sidecar.Sidecar;
import dev.twoway.core.state.MigrationRow;

/**
 * Shows a failing step where an operator looks: the error in the state row's {@code message} and
 * the retry in its {@code stage} at once, every attempt; the log once per change of error (with its
 * stack trace), so a step failing for minutes writes a few lines, not megabytes. When the step
 * succeeds again, the row gets back what it said before, unless something else wrote it since.
 * Writes the row and the log; decides nothing.
 */
final class StepFailureReport {
    private static final Logger LOG = LoggerFactory.getLogger(StepFailureReport.class);
    /** The row's message is TEXT; a driver's message with a long statement in it is cut, visibly. */
    static final int MESSAGE_MAX = 4_000;

    private final String migrationId;
    private final Sidecar sidecar;
    private String stageBefore;
    private String messageBefore;
    private String stageWritten;
    private String messageWritten;

    StepFailureReport(String migrationId, Sidecar sidecar) {
        this.migrationId = migrationId;
        this.sidecar = sidecar;
    }

    /** Logs the failure; records it in {@code row} (null when there is none or it cannot be read). */
    void failed(MigrationRow row, String step, Throwable error, StepRetries.Verdict verdict) {
        log(step, error, verdict);
        if (row == null) {
            return;
        }
        String stage = stage(row, step, verdict);
        String message = step + " failed: " + describe(error);
        try {
            if (stageWritten == null) {
                stageBefore = row.stage();
                messageBefore = row.message();
            }
            sidecar.note(migrationId, stage, message);
            stageWritten = stage;
            messageWritten = message;
        }
        catch (SQLException | RuntimeException e) {
            LOG.debug("migration {}: cannot record the failure in the state row: {}", migrationId, e.getMessage());
        }
    }

    /** The step succeeded after failing: the row says what it said before, if it still shows the failure. */
    void recovered(String step) throws SQLException {
        LOG.info("migration {}: {} succeeded after failing", migrationId, step);
        if (stageWritten != null) {
            sidecar.replaceNote(migrationId, stageWritten, messageWritten, stageBefore, messageBefore);
        }
        forget();
    }

    /** The last failure is final (the migration failed or the task stops): nothing to put back. */
    void forget() {
        stageWritten = null;
        messageWritten = null;
        stageBefore = null;
        messageBefore = null;
    }

    static String stage(MigrationRow row, String step, StepRetries.Verdict verdict) {
        String state = row.state().wireName();
        if (verdict.transientError()) {
            return state + ": " + step + " failed on a transient error; retrying in " + verdict.delayMs()
                    + " ms (failed attempts so far: " + verdict.attempt() + " of " + verdict.attempts() + ")";
        }
        return state + ": " + step + " failed, attempt " + verdict.attempt() + " of " + verdict.attempts()
                + "; retrying in " + verdict.delayMs() + " ms";
    }

    /** The error in words: MySQL's message and codes, or the exception's. */
    public static String describe(Throwable error) {
        String text;
        if (error instanceof SQLException e) {
            text = e.getMessage() + " (MySQL error " + e.getErrorCode() + ", SQLState " + e.getSQLState() + ")";
        }
        else {
            text = error.getClass().getSimpleName() + ": " + Objects.toString(error.getMessage(), "no message");
        }
        return text.length() <= MESSAGE_MAX ? text : text.substring(0, MESSAGE_MAX) + "… (cut)";
    }

    private void log(String step, Throwable error, StepRetries.Verdict verdict) {
        String what = verdict.transientError() ? "transient error, not counted" : "attempt " + verdict.attempt()
                + " of " + verdict.attempts();
        if (verdict.newError()) {
            LOG.warn("migration {}: {} failed ({}); retrying in {} ms, and logging this error again only when it "
                    + "changes: {}", migrationId, step, what, verdict.delayMs(), describe(error), error);
        }
        else {
            LOG.debug("migration {}: {} failed again ({}); retrying in {} ms", migrationId, step, what,
                    verdict.delayMs());
        }
    }
}
