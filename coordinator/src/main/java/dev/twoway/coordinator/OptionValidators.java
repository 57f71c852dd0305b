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

    private OptionValidators() {
    }
}
