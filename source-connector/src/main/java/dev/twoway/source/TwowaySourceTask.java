package dev.twoway.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;

import dev.twoway.smt.GtidHeader;
import dev.twoway.smt.MarkerRouter;
import dev.twoway.smt.NullsKept;
import io.debezium.connector.mysql.MySqlConnectorTask;
import dev.twoway.core.Version;

/**
 * Debezium's MySQL task with twoway's transformations applied inside the task: row schemas lose
 * the column defaults that would let a converter turn NULL into a default ({@link NullsKept}),
 * every record gets its {@code twoway.gtid} header ({@link GtidHeader}) and marker rows go to their
 * table's topic ({@link MarkerRouter}). The sink's correctness rests on both (the GTID it records with its
 * progress, the markers that switch its direction), so they are not left to the deployment's
 * {@code transforms} list, which anyone could forget or reorder.
 *
 * <p>Delegation, not inheritance: {@link MySqlConnectorTask#poll()} is final. Everything else is
 * handed to the Debezium task unchanged, so its offsets, metrics and restarts behave as usual.
 * A marker update dropped here is never committed by Connect; its offset is covered by the next
 * record that is emitted.
 */
public class TwowaySourceTask extends SourceTask {
    private final MySqlConnectorTask debezium;
    private final NullsKept<SourceRecord> nullsKept = new NullsKept<>();
    private final GtidHeader<SourceRecord> gtidHeader = new GtidHeader<>();
    private final MarkerRouter<SourceRecord> markerRouter = new MarkerRouter<>();
    private CapturedMarkers capturedMarkers;

    public TwowaySourceTask() {
        this(new MySqlConnectorTask());
    }

    TwowaySourceTask(MySqlConnectorTask debezium) {
        this.debezium = debezium;
    }

    @Override
    public String version() {
        return Version.get();
    }

    @Override
    public void initialize(SourceTaskContext context) {
        super.initialize(context);
        debezium.initialize(context);
    }

    @Override
    public void start(Map<String, String> props) {
        gtidHeader.configure(props);
        markerRouter.configure(Map.of(MarkerRouter.DATABASE, SourceDefaults.sidecarDatabase(props)));
        capturedMarkers = CapturedMarkers.of(props);
        debezium.start(SchemaHistorySettings.derive(props));
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records = debezium.poll();
        if (records == null) {
            return null;
        }
        List<SourceRecord> out = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            SourceRecord routed = markerRouter.apply(gtidHeader.apply(nullsKept.apply(record)));
            if (routed != null && capturedMarkers.keeps(routed)) {
                out.add(routed);
            }
        }
        return out;
    }

    @Override
    public void commit() throws InterruptedException {
        debezium.commit();
    }

    @Override
    public void commitRecord(SourceRecord record, RecordMetadata metadata) throws InterruptedException {
        debezium.commitRecord(record, metadata);
    }

    @Override
    public void stop() {
        debezium.stop();
        nullsKept.close();
        gtidHeader.close();
        markerRouter.close();
    }
}
