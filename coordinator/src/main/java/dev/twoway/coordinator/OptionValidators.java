package dev.twoway.coordinator;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.internals.Topic;

import dev.twoway.core.state.SidecarLimits;

/** The coordinator's option checks that need more than a range: each refuses what could not be stored or used whole. */
final class OptionValidators {
    /** Statements: not empty, and not longer than the sidecar keeps ({@link SidecarLimits#STATEMENT_BYTES}). */
    static final ConfigDef.Validator STATEMENT = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            String statement = (String) value;
            if (statement == null || statement.isBlank()) {
                throw new ConfigException(name, value, "String must be non-empty");
            }
            SidecarLimits.statementProblem(name, statement).ifPresent(problem -> {
                throw new ConfigException(name, "(" + statement.length() + " characters)", problem);
            });
        }

        @Override
        public String toString() {
            return "statements of at most " + SidecarLimits.STATEMENT_BYTES + " bytes";
        }
    };

    /** A Kafka topic name, by Kafka's own rule (the audit records' producer would fail on any other). */
    static final ConfigDef.Validator TOPIC = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            try {
                Topic.validate((String) value);
            }
            catch (InvalidTopicException e) {
                throw new ConfigException(name, value, e.getMessage());
            }
        }

        @Override
        public String toString() {
            return "a Kafka topic name";
        }
    };

    /** The longest a forced cut-over may wait: a week, beyond any revert window worth forcing in. */
    static final long FORCE_AFTER_MAX_MS = 604_800_000L;

    /** {@code migration.cutover.force.after.ms}: 0 (off) or a wait in milliseconds, at most a week. */
    static final ConfigDef.Validator FORCE_AFTER = new ConfigDef.Validator() {
        @Override
        public void ensureValid(String name, Object value) {
            long ms = value == null ? -1 : (Long) value;
            if (ms < 0 || ms > FORCE_AFTER_MAX_MS) {
                throw new ConfigException(name, value, "must be 0 (never kill a cut-over's blockers) or the "
                        + "milliseconds a cut-over stays blocked before its blockers are killed, at most "
                        + FORCE_AFTER_MAX_MS + " (a week)");
            }
        }

        @Override
        public String toString() {
            return "0 (off), or [1,...," + FORCE_AFTER_MAX_MS + "]";
        }
    };

    private OptionValidators() {
    }
}
