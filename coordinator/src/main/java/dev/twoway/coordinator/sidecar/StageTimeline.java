package dev.twoway.coordinator.sidecar;

import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How long each stage of a migration took, in the log: where a migration's time goes (the
 * admission, the shadow, the start marker's round trip, the copy, the deferred indexes, the
 * checksum, each cut-over attempt), line by line as the stage changes, without a query. Stages
 * that differ only by their figures ("copying 12,000 of 200,000 rows") are one stage. Kept in
 * memory: a task that takes over starts its timeline at its first stage.
 */
final class StageTimeline {
    private static final Logger LOG = LoggerFactory.getLogger(StageTimeline.class);
    private static final Pattern FIGURES = Pattern.compile("[0-9][0-9,.]*");

    private record Entered(String stage, String kind, long nanos) {
    }

    private final Map<String, Entered> current = new ConcurrentHashMap<>();

    private final LongSupplier nanoTime;

    StageTimeline(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /**
     * The row of {@code migrationId} now says {@code stage}; the milliseconds the stage before
     * took, when this one is another (logged).
     */
    OptionalLong entered(String migrationId, String stage) {
        if (stage == null) {
            return OptionalLong.empty();
        }
        String kind = FIGURES.matcher(stage).replaceAll("#");
        Entered before = current.get(migrationId);
        if (before != null && before.kind().equals(kind)) {
            return OptionalLong.empty();
        }
        long now = nanoTime.getAsLong();
        current.put(migrationId, new Entered(stage, kind, now));
        if (before == null) {
            return OptionalLong.empty();
        }
        long ms = (now - before.nanos()) / 1_000_000L;
        LOG.info("migration {}: {} ms in stage \"{}\"; now \"{}\"", migrationId, ms, before.stage(), stage);
        return OptionalLong.of(ms);
    }
}
