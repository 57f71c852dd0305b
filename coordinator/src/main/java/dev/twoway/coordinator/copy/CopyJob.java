package dev.twoway.coordinator.copy;

import dev.twoway.core.state.CopyKeyRangeStore;
import dev.twoway.core.state.CopyRangeStore;

/**
 * What every range of one copy shares: its migration, its SQL, where its ranges are recorded, how
 * to wait for the sink, and whether its chunks run in the server's time zone (else in UTC: see
 * {@code ZoneDependence}).
 */
record CopyJob(String migrationId, ChunkSql chunks, SinkCatchUp catchUp, CopyRangeStore integerRanges,
               CopyKeyRangeStore keyRanges, boolean serverZone) {
}
