package dev.twoway.core.state;

/** One row of {@code markers}; {@code outcome} is set on swap markers only. */
public record MarkerRow(long markerId, String migrationId, MarkerKind kind, String tableSchema, String tableName,
                        String reachedTopic, Integer reachedPartition, Long reachedOffset, MarkerOutcome outcome) {

    public boolean reached() {
        return reachedOffset != null;
    }
}
