package dev.twoway.source;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.apache.kafka.connect.source.SourceTaskContext;

import dev.twoway.smt.GtidHeader;
import dev.twoway.smt.MarkerRouter;
import dev.twoway.smt.NullsKept;
import dev.twoway.smt.UnroutableMarkerException;
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
 * record that is emitted. A marker that cannot be routed is dropped the same way, and its
 * migration fails ({@link UnroutableMarkers}).
 *
 * <p>Beside Debezium, a {@link SourceHeartbeat} keeps the connector's {@code sources} row current
 * and fails the task when Debezium's binlog reader died while the task ran on.
 */
public class TwowaySourceTask extends SourceTask {
    private final MySqlConnectorTask debezium;
    private final NullsKept<SourceRecord> nullsKept = new NullsKept<>();
    private final GtidHeader<SourceRecord> gtidHeader = new GtidHeader<>();
    private final MarkerRouter<SourceRecord> markerRouter = new MarkerRouter<>();
    private CapturedMarkers capturedMarkers;
    private UnroutableMarkers unroutable;
    private SourceHeartbeat heartbeat;

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
        // The whole configuration: the router names topics with this connector's own naming options.
        markerRouter.configure(props);
        CaptureFilter captured = CaptureFilter.of(props);
        capturedMarkers = new CapturedMarkers(captured);
        String name = props.getOrDefault(SourceDefaults.NAME, props.get(SourceDefaults.TOPIC_PREFIX));
        String sidecar = SourceDefaults.sidecarDatabase(props);
        unroutable = new UnroutableMarkers(name, SourceConnection.settings(props), sidecar);
        heartbeat = new SourceHeartbeat(name, props.get(SourceDefaults.TOPIC_PREFIX), CaptureSettings.json(props),
                SourceConnection.settings(props), sidecar, captured::captures);
        heartbeat.start();
        try {
            debezium.start(SchemaHistorySettings.derive(props));
        }
        catch (RuntimeException e) {
            heartbeat.debeziumFailed(describe(e));
            heartbeat.close();
            throw e;
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        Optional<String> failure = heartbeat.failure();
        if (failure.isPresent()) {
            throw new ConnectException(failure.get());
        }
        List<SourceRecord> records;
        try {
            records = debezium.poll();
        }
        catch (RetriableException e) {
            throw e; // Debezium restarts its streaming itself; the heartbeat shows it starting
        }
        catch (RuntimeException e) {
            heartbeat.debeziumFailed(describe(e));
            throw e;
        }
        return records == null ? null : transform(records);
    }

    private List<SourceRecord> transform(List<SourceRecord> records) {
        List<SourceRecord> out = new ArrayList<>(records.size());
        for (SourceRecord record : records) {
            SourceRecord routed;
            try {
                routed = markerRouter.apply(gtidHeader.apply(nullsKept.apply(record)));
            }
            catch (UnroutableMarkerException e) {
                unroutable.dropped(e);
                continue;
            }
            if (routed != null && capturedMarkers.keeps(routed)) {
                out.add(routed);
            }
        }
        return out;
    }

    /** The message and its causes': Debezium's own says only that "an exception occurred". */
    private static String describe(Throwable e) {
        StringBuilder out = new StringBuilder(String.valueOf(e.getMessage()));
        for (Throwable cause = e.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            out.append("; caused by ").append(cause.getMessage());
        }
        return out.toString();
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
        if (heartbeat != null) {
            heartbeat.close();
        }
        gtidHeader.close();
        markerRouter.close();
    }
}
